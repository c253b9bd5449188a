// New mail in seconds (push): a real worker process (as `npm run worker` starts it) holds an IMAP
// IDLE connection for each of 50 mailboxes on a real Dovecot; 200 messages are APPENDed one after
// another across them (a new one every 100 ms), and each one's latency is measured from the start
// of its APPEND to the moment the REST API (GET /api/v1/inbox/messages, the real route handler)
// lists it. No sync is ever requested or scheduled: only push can bring the mail in.
// Target: p95 under 3 s.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { GET as listMessagesRoute } from '@/app/api/v1/inbox/messages/route';
import { getDb } from '@/lib/db/client';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { createBenchDatabase, median, percentile } from '../helpers/bench-database';
import { callRoute } from '../helpers/call-route';
import { destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { waitFor } from '../helpers/wait-for';
import type { Bench } from './benches';
import { createWatchedMailboxes } from './push-mailboxes';

const MAILBOXES = Number(process.env.BENCH_PUSH_MAILBOXES ?? 50);
const MESSAGES = Number(process.env.BENCH_PUSH_MESSAGES ?? 200);
const SPACING_MS = Number(process.env.BENCH_PUSH_SPACING_MS ?? 100);

export const inboxPushBench: Bench = {
  name: 'inbox-push',
  description: `push: APPEND → listed by the REST API, ${MESSAGES} messages on ${MAILBOXES} mailboxes watched with IMAP IDLE`,
  run: async () => {
    const dovecot = await startDovecot();
    const database = await createBenchDatabase('inbox_push');
    const db = getDb();
    const worker = spawn('node_modules/.bin/tsx', ['worker/index.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        INBOX_MAX_CONNECTIONS_PER_HOST: '100',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const org = await createTestOrg(db, 'Push bench');
      let t = performance.now();
      const { ids, users } = await createWatchedMailboxes(db, org.ctx, dovecot, MAILBOXES, 'push');
      console.log(
        `  ${MAILBOXES} mailboxes created and watched with IDLE in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );

      const clients = await Promise.all(users.map((u) => dovecot.client(u.email, u.password)));
      const latencies: number[] = [];
      t = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        const box = i % MAILBOXES;
        const subject = `push-bench-${i}`;
        pending.push(
          (async () => {
            const started = performance.now();
            await clients[box]!.append('INBOX', buildMessage({ subject }));
            await waitFor(
              async () => {
                const res = await callRoute(listMessagesRoute, {
                  path: `/api/v1/inbox/messages?integrationId=${ids[box]}&q=${subject}`,
                  apiKey: org.apiKey,
                });
                if (res.status !== 200) throw new Error(`the API answered ${res.status}: ${res.text}`);
                return res.json.messages.some((m: { subject: string }) => m.subject === subject);
              },
              { what: `${subject} to be listed`, timeoutMs: 60_000, intervalMs: 50 },
            );
            latencies.push(performance.now() - started);
          })(),
        );
        await new Promise((r) => setTimeout(r, SPACING_MS));
      }
      await Promise.all(pending);
      const total = (performance.now() - t) / 1000;
      await Promise.all(clients.map((c) => c.logout()));
      const [row] = await db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, ids[0]!));
      console.log(
        `  ${MESSAGES} messages in ${total.toFixed(1)} s: APPEND → listed by the REST API p50 ${(median(latencies) / 1000).toFixed(2)} s · p95 ${(percentile(latencies, 95) / 1000).toFixed(2)} s (target < 3 s) · max ${(Math.max(...latencies) / 1000).toFixed(2)} s · last run of a mailbox: ${row?.lastRun?.reason}`,
      );
    } finally {
      await new Promise<void>((resolve) => {
        if (worker.exitCode !== null) return resolve();
        const killer = setTimeout(() => worker.kill('SIGKILL'), 15_000);
        worker.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        worker.kill('SIGTERM');
      });
      await database.drop();
      await destroyDovecot(dovecot);
    }
  },
};
