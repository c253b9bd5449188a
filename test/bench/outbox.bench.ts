// The outbox against the same SMTP sink (its own process), 10,000 messages of ~5 KB each:
//  1. raw: nodemailer's pooled transport straight to the sink (the floor under any queue);
//  2. Mailroom: enqueued through the REST batch endpoint (10 × 1,000, timed), then sent by a real
//     worker process (`tsx worker/index.ts`) — claim, send over pooled connections, settle;
//  3. the ratio, and the worker's peak resident memory (VmHWM).
// Rates are first-to-last arrival at the sink, so process start-up is not counted. Medians of
// several rounds. Targets: ratio ≥ 0.8, enqueue ≤ 1 s, RSS ≤ 250 MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import * as messagesRoute from '@/app/api/v1/messages/route';
import { getDb } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { createSender } from '@/lib/outbox/create-sender';
import { createBenchDatabase, median } from '../helpers/bench-database';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { ownCpuSeconds, startDatabaseCpu } from './database-cpu';
import { cpuSeconds } from './process-cpu';
import { type SinkReply, startSinkProcess } from './start-sink-process';
import { workerArgs } from './worker-command';

const COUNT = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_OUTBOX_ROUNDS ?? 3);
const CONNECTIONS = 10;
const BATCH = 1000;

/** Every postgres process's CPU (the server is shared: other work on the machine counts too). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        total += cpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

type Cpu = { sink: number; sender: number; postgres: number };

/** About 5 KB of MIME: a text part and an HTML part. */
function letter(i: number) {
  const line = `Invoice ${i}: thank you for your business, the details of this month's services follow. `;
  const text = `Hello,\n\n${line.repeat(22)}\n\nKind regards,\nAccounts`;
  const html = `<p>Hello,</p><p>${line.repeat(22)}</p><p>Kind regards,<br>Accounts</p>`;
  return { subject: `Invoice ${i} for March`, text, html };
}

async function rawRound(
  sinkPid: number,
  port: number,
  ask: (m: object) => Promise<SinkReply>,
): Promise<{ rate: number; cpu: Cpu }> {
  await ask({ type: 'reset' });
  const before = {
    sink: cpuSeconds(sinkPid),
    sender: cpuSeconds(process.pid),
    postgres: postgresCpuSeconds(),
  };
  const transport = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    maxConnections: CONNECTIONS,
    maxMessages: 1000,
  });
  const done = ask({ type: 'wait', count: COUNT, timeoutMs: 300_000 });
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      transport.sendMail({
        from: { name: 'Accounts', address: 'accounts@example.test' },
        to: `client${i}@example.test`,
        messageId: `<raw-${i}-${Date.now()}@example.test>`,
        ...letter(i),
      }),
    ),
  );
  const r = await done;
  const cpu = {
    sink: cpuSeconds(sinkPid) - before.sink,
    sender: cpuSeconds(process.pid) - before.sender,
    postgres: postgresCpuSeconds() - before.postgres,
  };
  transport.close();
  return { rate: (COUNT - 1) / ((r.last! - r.first!) / 1000), cpu };
}

async function enqueueViaRest(
  apiKey: string,
  senderId: string,
  tag: string,
  inFlight: number,
): Promise<number> {
  const bodies = Array.from({ length: COUNT / BATCH }, (_, b) =>
    JSON.stringify({
      messages: Array.from({ length: BATCH }, (_, j) => {
        const i = b * BATCH + j;
        return { senderId, to: `client${i}@example.test`, ...letter(i), queue: 'bulk' };
      }),
    }),
  );
  const post = async (b: number) => {
    const req = new Request('http://localhost/api/v1/messages', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': `${tag}-b${b}`,
      },
      body: bodies[b],
    });
    const res = await messagesRoute.POST(req, { params: Promise.resolve({}) });
    if (res.status !== 202) throw new Error(`enqueue answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let b = next++; b < bodies.length; b = next++) await post(b);
    }),
  );
  return performance.now() - started;
}

async function emptyOutbox() {
  await getDb().execute(sql`truncate outbox_messages cascade`);
  await getDb().execute(sql`delete from pgboss.job where name like 'outbox-%'`);
}

async function mailroomRound(
  url: string,
  sinkPid: number,
  ask: (m: object) => Promise<SinkReply>,
): Promise<{ rate: number; rssMb: number; distinct: number; cpu: Cpu }> {
  await ask({ type: 'reset' });
  const db = getDb();
  const known = new Set(
    (await db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
  );
  // Exactly what `npm run worker` runs (its V8 heap flags included), unless the bench is told otherwise.
  const worker = spawn('node_modules/.bin/tsx', workerArgs(), {
    env: { ...process.env, DATABASE_URL: url, WORKER_SHUTDOWN_TIMEOUT_MS: '10000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const done = ask({ type: 'wait', count: COUNT, timeoutMs: 600_000 });
    const sinkBefore = cpuSeconds(sinkPid);
    const postgresBefore = postgresCpuSeconds();
    let pid = 0;
    while (!pid) {
      const rows = await db.select().from(workerHeartbeats);
      pid = rows.find((r) => !known.has(r.workerId))?.pid ?? 0;
      if (!pid) await new Promise((r) => setTimeout(r, 20));
    }
    const workerBefore = cpuSeconds(pid);
    const r = await done;
    // Every row settled too, not just delivered.
    for (;;) {
      const [left] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from outbox_messages where status <> 'sent'`,
      );
      if (left!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cpu = {
      sink: cpuSeconds(sinkPid) - sinkBefore,
      sender: cpuSeconds(pid) - workerBefore,
      postgres: postgresCpuSeconds() - postgresBefore,
    };
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      rate: (COUNT - 1) / ((r.last! - r.first!) / 1000),
      rssMb: rssKb / 1024,
      distinct: r.distinct!,
      cpu,
    };
  } finally {
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.kill('SIGTERM');
    });
  }
}

export const outboxBench: Bench = {
  name: 'outbox',
  description: `${COUNT.toLocaleString('en')} messages of ~5 KB: raw nodemailer pooled vs enqueue (REST) → worker → the same sink`,
  run: async () => {
    const sink = await startSinkProcess();
    const database = await createBenchDatabase('outbox');
    try {
      const org = await createTestOrg(getDb(), 'Bench');
      const sender = await createSender(getDb(), org.ctx, {
        name: 'Sink',
        kind: 'smtp',
        fromAddress: 'accounts@example.test',
        fromName: 'Accounts',
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        maxConnections: CONNECTIONS,
      });

      const raw: number[] = [];
      const mailroom: number[] = [];
      const enqueue: number[] = [];
      const enqueueParallel: number[] = [];
      // One request at a time: this process's CPU (the route and enqueueMessage) and the database's.
      const enqueueCpu: { node: number; database: number }[] = [];
      const rss: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const rawResult = await rawRound(sink.child.pid!, sink.port, sink.ask);
        raw.push(rawResult.rate);
        await emptyOutbox();
        enqueueParallel.push(await enqueueViaRest(org.apiKey, sender.id, `p${round}`, 4));
        await emptyOutbox();
        const databaseCpu = await startDatabaseCpu(getDb());
        const cpu0 = ownCpuSeconds();
        enqueue.push(await enqueueViaRest(org.apiKey, sender.id, `s${round}`, 1));
        enqueueCpu.push({ node: ownCpuSeconds() - cpu0, database: await databaseCpu() });
        const m = await mailroomRound(database.url, sink.child.pid!, sink.ask);
        if (m.distinct !== COUNT)
          throw new Error(`the sink got ${m.distinct} distinct messages, not ${COUNT}`);
        mailroom.push(m.rate);
        rss.push(m.rssMb);
        console.log(
          `  round ${round + 1}: raw ${raw[round]!.toFixed(0)} msg/s · Mailroom ${m.rate.toFixed(0)} msg/s · enqueue ${enqueue[round]!.toFixed(0)} ms (4 in flight: ${enqueueParallel[round]!.toFixed(0)} ms) · worker peak RSS ${m.rssMb.toFixed(0)} MB`,
        );
        const perMessage = (c: Cpu) =>
          `sender ${((c.sender / COUNT) * 1e6).toFixed(0)} µs, sink ${((c.sink / COUNT) * 1e6).toFixed(0)} µs, postgres ${((c.postgres / COUNT) * 1e6).toFixed(0)} µs`;
        console.log(
          `    CPU per message — raw: ${perMessage(rawResult.cpu)}; Mailroom: ${perMessage(m.cpu)}`,
        );
        const e = enqueueCpu[round]!;
        console.log(
          `    enqueue CPU (one request at a time): ${((e.node + e.database) * 1000).toFixed(0)} ms (route + enqueue ${(e.node * 1000).toFixed(0)}, database ${(e.database * 1000).toFixed(0)})`,
        );
      }
      const ratio = median(mailroom) / median(raw);
      console.log(
        `\n  raw nodemailer pooled (${CONNECTIONS} connections) → sink: ${median(raw).toFixed(0)} msg/s (median)`,
      );
      console.log(
        `  Mailroom queue → worker → sink:                   ${median(mailroom).toFixed(0)} msg/s (median)`,
      );
      console.log(`  ratio: ${ratio.toFixed(2)}  (target ≥ 0.8)`);
      console.log(
        `  enqueue ${COUNT.toLocaleString('en')} via POST /api/v1/messages (${COUNT / BATCH} × ${BATCH}): ${median(enqueue).toFixed(0)} ms one request at a time, ${median(enqueueParallel).toFixed(0)} ms with 4 in flight (medians; target ≤ 1000 ms)`,
      );
      console.log(
        `  enqueue CPU (one request at a time): ${(median(enqueueCpu.map((c) => c.node + c.database)) * 1000).toFixed(0)} ms (median; route + enqueue ${(median(enqueueCpu.map((c) => c.node)) * 1000).toFixed(0)}, database ${(median(enqueueCpu.map((c) => c.database)) * 1000).toFixed(0)})`,
      );
      console.log(`  worker peak RSS: ${Math.max(...rss).toFixed(0)} MB (max of rounds; target ≤ 250 MB)`);
    } finally {
      await database.drop();
      sink.child.disconnect();
    }
  },
};
