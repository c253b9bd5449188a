// Real worker processes (`tsx worker/index.ts`) and the cron CLI against one database and one SMTP
// sink: a worker killed with SIGKILL mid-batch and restarted, two workers at once (each message
// exactly once; one rate limit shared), and `queue:process` beside a running worker and alone.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageAttempts, outboxMessages } from '@/lib/db/schema/outbox';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
const running = new Set<ChildProcess>();
const workerPids = new Set<number>();

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: false });
});
afterEach(async () => {
  await Promise.all([...running].map((c) => stop(c)));
});
afterAll(async () => {
  for (const c of running) c.kill('SIGKILL');
  for (const pid of workerPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await sink?.close();
});

const childEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: t.url,
  LOG_LEVEL: 'warn',
  MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
  MAILROOM_SEND_LEASE_SECONDS: '3',
  MAILROOM_RETRY_BASE_SECONDS: '0.5',
  WORKER_SHUTDOWN_TIMEOUT_MS: '5000',
  ...extra,
});

/** Starts `tsx worker/index.ts` and returns it with the pid of the node process doing the work. */
async function startWorker(
  extra: Record<string, string> = {},
): Promise<{ child: ChildProcess; pid: number }> {
  const known = new Set(
    (await t.db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
  );
  // tsx relays SIGTERM to the node process it starts (npx would not).
  const child = spawn('node_modules/.bin/tsx', ['worker/index.ts'], {
    env: childEnv(extra),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const beat = await waitFor(
    async () => {
      const rows = await t.db.select().from(workerHeartbeats);
      return rows.find((r) => !known.has(r.workerId));
    },
    { what: 'the worker to start', timeoutMs: 60_000 },
  );
  workerPids.add(beat.pid);
  return { child, pid: beat.pid };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const run = promisify(execFile);
function cli(args: string[]) {
  return run('node_modules/.bin/tsx', ['bin/mailroom.ts', ...args], { env: childEnv(), timeout: 120_000 });
}

async function enqueueMany(
  ctx: Parameters<typeof enqueueMessage>[1],
  senderId: string,
  count: number,
  tag: string,
) {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
      senderId,
      to: `${tag}-${start + i}@example.test`,
      subject: `${tag} ${start + i}`,
      text: 'Hello from the outbox.\n'.repeat(20),
    }));
    ids.push(...(await enqueueMessage(t.db, ctx, batch, { queue: 'bulk' })).map((m) => m.id));
  }
  return ids;
}

function receivedFor(tag: string) {
  return sink.received.filter((m) => m.to[0]!.startsWith(`${tag}-`));
}

async function allSent(ids: string[], timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const [r] = await t.db.execute<{ sent: number }>(
        sql`select count(*)::int as sent from outbox_messages where id in ${ids} and status = 'sent'`,
      );
      return r!.sent === ids.length ? true : null;
    },
    { timeoutMs, what: `${ids.length} messages to be sent` },
  );
}

describe('worker processes', () => {
  it('a worker killed with SIGKILL mid-batch, then restarted: every message sent; duplicates only among those in flight, same Message-ID', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const tag = `kill${crypto.randomBytes(2).toString('hex')}`;
    const ids = await enqueueMany(a.ctx, sender.id, 1500, tag);
    sink.delayMs = 5;
    // One message is held at the server: when the worker is killed, it is certainly in flight (and
    // the run certainly unfinished), whatever the machine's speed.
    const held = `${tag}-400@example.test`;
    let release!: () => void;
    sink.rules.set(held, { holdUntil: new Promise<void>((r) => (release = r)), times: 1 });
    try {
      const first = await startWorker({ MAILROOM_SEND_BATCH_SIZE: '50' });
      await waitFor(() => receivedFor(tag).length >= 300 && !sink.rules.has(held), {
        what: '300 messages, and the held one handed over, before the kill',
      });
      process.kill(first.pid, 'SIGKILL');
      await waitFor(() => (first.child.exitCode !== null || first.child.signalCode !== null ? true : null));
      const inFlight = await t.db
        .select({ id: outboxMessages.id, messageId: outboxMessages.messageId })
        .from(outboxMessages)
        .where(eq(outboxMessages.status, 'sending'));
      expect(inFlight.length).toBeGreaterThan(0);
      expect(receivedFor(tag).length).toBeLessThan(1500);
      release();

      await startWorker({ MAILROOM_SEND_BATCH_SIZE: '50' });
      await allSent(ids);

      const rows = await t.db
        .select({ id: outboxMessages.id, messageId: outboxMessages.messageId })
        .from(outboxMessages)
        .where(inArray(outboxMessages.id, ids));
      const got = new Map<string, number>();
      for (const m of receivedFor(tag)) got.set(m.messageId, (got.get(m.messageId) ?? 0) + 1);
      // Nothing lost, nothing foreign.
      for (const r of rows) expect(got.get(r.messageId), r.id).toBeGreaterThanOrEqual(1);
      expect([...got.keys()].every((id) => rows.some((r) => r.messageId === id))).toBe(true);
      // Anything received twice was in flight at the kill, and kept its Message-ID.
      const twice = [...got].filter(([, n]) => n > 1).map(([id]) => id);
      const inFlightIds = new Set(inFlight.map((m) => m.messageId));
      expect(twice.every((id) => inFlightIds.has(id))).toBe(true);
      expect(got.size).toBe(1500);
      // The recovered ones say so in their history.
      const interrupted = await t.db
        .select({ messageId: messageAttempts.messageId })
        .from(messageAttempts)
        .where(eq(messageAttempts.outcome, 'interrupted'));
      expect(new Set(interrupted.map((r) => r.messageId))).toEqual(new Set(inFlight.map((m) => m.id)));
    } finally {
      release();
      sink.delayMs = 0;
    }
  });

  it('a job a worker fetched but had not claimed when it was killed is sent by the next worker within seconds', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const tag = `fetched${crypto.randomBytes(2).toString('hex')}`;
    // Due in 3 s, in one job: time for this test to lock the rows first, so the worker's claim
    // waits on the lock with the job fetched (active) and nothing claimed.
    const sendAt = new Date(Date.now() + 3_000);
    const enqueued = await enqueueMessage(
      t.db,
      a.ctx,
      Array.from({ length: 5 }, (_, i) => ({
        senderId: sender.id,
        to: `${tag}-${i}@example.test`,
        subject: tag,
        text: 'x',
        sendAt,
      })),
    );
    const ids = enqueued.map((m) => m.id);
    const locker = postgres(t.url, { max: 1, onnotice: () => {} });
    const lock = await locker.reserve();
    try {
      await lock`begin`;
      await lock`select id from outbox_messages where id in ${lock(ids)} for update`;
      const first = await startWorker();
      await waitFor(
        async () => {
          const [w] = await t.db.execute<{ n: number }>(
            sql`select count(*)::int as n from pg_locks where not granted`,
          );
          return w!.n > 0 ? true : null;
        },
        { what: "the worker's claim to wait on the locked rows" },
      );
      process.kill(first.pid, 'SIGKILL');
      await waitFor(() => (first.child.exitCode !== null || first.child.signalCode !== null ? true : null));
    } finally {
      await lock`rollback`;
      lock.release();
      await locker.end();
    }
    const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'scheduled'));

    // Its job is retried once its heartbeat is 10 s old (checked every 10 s), not after its
    // two-minute expiry, and well before the every-minute sweep would look.
    await startWorker();
    await allSent(ids, 45_000);
    expect(receivedFor(tag)).toHaveLength(5);
  });

  it('two workers at once: each message exactly once, and one per-minute limit across both', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const limited = await createSinkSender(t.db, a.ctx, sink, { ratePerMinute: 5 });
    // One of them sends on its sending threads (the default), the other on its main thread.
    await Promise.all([
      startWorker({ MAILROOM_SEND_BATCH_SIZE: '20' }),
      startWorker({ MAILROOM_SEND_BATCH_SIZE: '20', MAILROOM_SMTP_THREADS: '0' }),
    ]);
    const tag = `pair${crypto.randomBytes(2).toString('hex')}`;
    const ids = await enqueueMany(a.ctx, sender.id, 1000, tag);
    await allSent(ids);
    const ids2 = receivedFor(tag).map((m) => m.messageId);
    expect(ids2).toHaveLength(1000);
    expect(new Set(ids2).size).toBe(1000);
    const [workers] = await t.db.execute<{ n: number }>(
      sql`select count(distinct worker_id)::int as n from outbox_message_attempts where message_id in ${ids}`,
    );
    expect(workers!.n).toBe(2);

    // 12 messages in batches of 2, fetched by both processes at once: still 5 in the minute.
    const rateTag = `rate${crypto.randomBytes(2).toString('hex')}`;
    const rateIds = (
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          enqueueMessage(
            t.db,
            a.ctx,
            [0, 1].map((j) => ({
              senderId: limited.id,
              to: `${rateTag}-${i * 2 + j}@example.test`,
              text: 'x',
            })),
          ),
        ),
      )
    ).flatMap((batch) => batch.map((m) => m.id));
    await waitFor(
      async () => {
        const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, rateIds));
        const sent = rows.filter((r) => r.status === 'sent').length;
        const waiting = rows.filter((r) => r.status === 'queued' && r.nextAttemptAt).length;
        return sent === 5 && waiting === 7 ? true : null;
      },
      { what: '5 sent and 7 waiting for the next minute' },
    );
    // A few more polls of both workers change nothing.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(receivedFor(rateTag)).toHaveLength(5);
    const [attempts] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox_message_attempts where sender_id = ${limited.id}`,
    );
    expect(attempts!.n).toBe(5);
  });

  it('queue:process sends the due messages beside a running worker without sending any twice', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    await startWorker({ MAILROOM_SEND_BATCH_SIZE: '25' });
    const tag = `cron${crypto.randomBytes(2).toString('hex')}`;
    const ids = await enqueueMany(a.ctx, sender.id, 600, tag);
    const [out] = await Promise.all([
      cli(['queue:process', '--batch-size=25', '--max-runtime=60']),
      allSent(ids),
    ]);
    expect(out.stdout).toMatch(/^Sent \d+, retrying 0, failed 0/);
    const received = receivedFor(tag).map((m) => m.messageId);
    expect(received).toHaveLength(600);
    expect(new Set(received).size).toBe(600);
    const [byCli] = await t.db.execute<{ n: number }>(
      sql`select count(distinct worker_id)::int as n from outbox_message_attempts where message_id in ${ids}`,
    );
    expect(byCli!.n).toBeGreaterThanOrEqual(1);
  });

  it('queue:process alone: sends what is due, expires what waited too long, and queue:status counts', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const tag = `solo${crypto.randomBytes(2).toString('hex')}`;
    const ids = await enqueueMany(a.ctx, sender.id, 30, tag);
    const soon = Date.now() + 1_000;
    const [late] = await enqueueMessage(t.db, a.ctx, [
      {
        senderId: sender.id,
        to: `${tag}-late@example.test`,
        text: 'x',
        sendAt: new Date(soon),
        expiresAt: new Date(soon + 1_000),
      },
    ]);
    const status = await cli(['queue:status', '--org', a.slug]);
    expect(status.stdout).toMatch(/bulk\s+queued\s+30/);
    expect(status.stdout).toMatch(/transactional\s+scheduled\s+1/);

    // "Downtime": nothing runs until the scheduled message's expiry has passed.
    await new Promise((r) => setTimeout(r, Math.max(0, soon + 1_500 - Date.now())));
    const out = await cli(['queue:process', '--batch-size=10', '--max-runtime=30']);
    expect(out.stdout).toMatch(/^Sent 30, retrying 0, failed 0, waiting for a rate limit 0, expired 1/);
    await allSent(ids, 5_000);
    const [expired] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, late!.id));
    expect(expired).toMatchObject({ status: 'expired' });
    expect(expired!.lastError).toMatch(/^Not sent before it expired at /);
    expect(sink.received.filter((m) => m.to.includes(`${tag}-late@example.test`))).toHaveLength(0);

    const after = await cli(['queue:status', '--org', a.slug, '--json']);
    const counts = JSON.parse(after.stdout) as {
      counts: { queue: string; status: string; count: number }[];
      due: number;
    };
    expect(counts.counts).toEqual([
      { queue: 'transactional', status: 'expired', count: 1 },
      { queue: 'bulk', status: 'sent', count: 30 },
    ]);
    expect(counts.due).toBe(0);
    // Without a worker, queue:process also fills the search table.
    const [indexed] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox_search where message_id in ${ids}`,
    );
    expect(indexed!.n).toBe(30);
  });
});
