// Runs the embedded PostgreSQL as its own process group, for `dev` and `start`. It prints
// `{"url": …}` on stdout once the database answers, and stops it on SIGTERM/SIGINT — or when its
// parent (the supervisor) is gone. Being detached, it does not get the terminal's Ctrl-C, so the
// supervisor can stop the web server and the worker first and the database last. When the
// database cannot start, it says why on stderr and exits 1.
import { EmbeddedDatabaseError, startEmbeddedDatabase } from '@/lib/db/embedded';

const supervisor = Number(process.env.MAILROOM_SUPERVISOR_PID || process.ppid);
let db: Awaited<ReturnType<typeof startEmbeddedDatabase>>;
try {
  db = await startEmbeddedDatabase({ onNotice: (message) => console.error(message) });
} catch (error) {
  console.error(error instanceof EmbeddedDatabaseError ? error.message : error);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await db.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {
  try {
    process.kill(supervisor, 0);
  } catch {
    void stop();
  }
}, 1000);
