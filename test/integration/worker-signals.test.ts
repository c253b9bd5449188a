// However the worker is started — `npm run worker`, or inside `npm run dev` — and whoever is
// signalled — npm's own pid, the whole process group (a process manager, Ctrl-C), or the worker
// itself — the worker gets the signal, finishes its batch and stops: "worker stopped" logged, its
// heartbeat marked stopped, exit 0, no message left `sending`, nothing sent twice, nothing left
// running. Each way is run WORKER_SIGNAL_RUNS times (1 by default; the README's figure is 10).
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '@/lib/db/schema/outbox';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { freePort } from '../helpers/free-port';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const RUNS = Number(process.env.WORKER_SIGNAL_RUNS || 1);
const t = setupTestDatabase();
let sink: SmtpSink;
let org: TestOrg;
let senderId: string;
const started = new Set<number>();

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: false });
  // Slow enough that a batch is always out when the signal comes.
  sink.delayMs = 20;
  org = await createTestOrg(t.db);
  senderId = (await createSinkSender(t.db, org.ctx, sink)).id;
});
afterAll(async () => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
  await sink?.close();
});

type Started = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

/** `npm run <script>` in a process group of its own, as a terminal or a process manager runs it. */
function npmRun(script: string, extraEnv: Record<string, string> = {}): Started {
  const child = spawn('npm', ['run', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      LOG_LEVEL: 'info',
      MAILROOM_SEND_BATCH_SIZE: '50',
      MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
      WORKER_SHUTDOWN_TIMEOUT_MS: '10000',
      ...extraEnv,
    },
  });
  started.add(child.pid!);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function enqueueBatch(tag: string, count: number): Promise<string[]> {
  const batch = Array.from({ length: count }, (_, i) => ({
    senderId,
    to: `${tag}-${i}@example.test`,
    subject: `${tag} ${i}`,
    text: 'Hello.',
  }));
  return (await enqueueMessage(t.db, org.ctx, batch, { queue: 'bulk' })).map((m) => m.id);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts something that runs a worker, waits until it is sending, signals, and checks the stop. */
async function stopWhileSending(
  start: () => Started,
  signal: (run: Started, workerPid: number) => void,
  extra: { port?: number } = {},
) {
  const tag = `sig${crypto.randomBytes(3).toString('hex')}`;
  const ids = await enqueueBatch(tag, 400);
  const known = new Set(
    (await t.db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
  );
  const run = start();
  const beat = await waitFor(
    async () => (await t.db.select().from(workerHeartbeats)).find((r) => !known.has(r.workerId)),
    { what: `a worker to start\n${run.output()}`, timeoutMs: 90_000 },
  );
  await waitFor(() => sink.received.filter((m) => m.to[0]!.startsWith(`${tag}-`)).length >= 20, {
    what: 'the worker to be sending',
    timeoutMs: 60_000,
  });
  signal(run, beat.pid);
  const code = await run.exit;

  expect(code, run.output()).toBe(0);
  expect(run.output()).toMatch(/"msg":"worker stopped"/);
  expect(alive(beat.pid), 'the worker process is gone').toBe(false);
  const [row] = await t.db
    .select()
    .from(workerHeartbeats)
    .where(eq(workerHeartbeats.workerId, beat.workerId));
  expect(row!.stoppedAt).not.toBeNull();
  const sending = await t.db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(sql`${inArray(outboxMessages.id, ids)} and ${outboxMessages.status} = 'sending'`);
  expect(sending).toEqual([]);
  const received = sink.received.filter((m) => m.to[0]!.startsWith(`${tag}-`)).map((m) => m.messageId);
  expect(new Set(received).size, 'nothing sent twice').toBe(received.length);
  const [sent] = await t.db.execute<{ n: number }>(
    sql`select count(*)::int as n from outbox_messages where id in ${ids} and status = 'sent'`,
  );
  expect(sent!.n, 'every message the sink got is recorded as sent').toBe(received.length);
  if (extra.port) expect(await listening(extra.port), 'the web server is gone').toBe(false);

  // What was not sent is still there, queued, for the next worker: drain it so runs stay independent.
  await t.db.execute(
    sql`update outbox_messages set status = 'cancelled' where id in ${ids} and status <> 'sent'`,
  );
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const times = Array.from({ length: RUNS }, (_, i) => i + 1);

describe('npm run worker stops gracefully', () => {
  it.each(times)(
    'SIGTERM to npm’s pid (run %i)',
    async () => {
      await stopWhileSending(
        () => npmRun('worker'),
        (run) => run.child.kill('SIGTERM'),
      );
    },
    180_000,
  );

  it.each(times)(
    'SIGTERM to the process group (run %i)',
    async () => {
      await stopWhileSending(
        () => npmRun('worker'),
        (run) => process.kill(-run.child.pid!, 'SIGTERM'),
      );
    },
    180_000,
  );

  it.each(times)(
    'SIGTERM to the worker itself (run %i)',
    async () => {
      await stopWhileSending(
        () => npmRun('worker'),
        (_run, workerPid) => process.kill(workerPid, 'SIGTERM'),
      );
    },
    180_000,
  );
});

describe('npm run dev stops the worker and the web server gracefully', () => {
  const dev = async (signal: (run: Started) => void) => {
    const port = await freePort();
    await stopWhileSending(() => npmRun('dev', { PORT: String(port) }), signal, { port });
  };
  it.each(times)(
    'SIGTERM to npm’s pid (run %i)',
    async () => {
      await dev((run) => run.child.kill('SIGTERM'));
    },
    240_000,
  );
  it.each(times)(
    'SIGTERM to the process group (run %i)',
    async () => {
      await dev((run) => process.kill(-run.child.pid!, 'SIGTERM'));
    },
    240_000,
  );
  it.each(times)(
    'Ctrl-C: SIGINT to the process group (run %i)',
    async () => {
      await dev((run) => process.kill(-run.child.pid!, 'SIGINT'));
    },
    240_000,
  );
});
