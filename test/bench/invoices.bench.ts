// Bulk invoices: 1,000 invoices with a ~100 KB PDF each, sent by a bulk run (one transaction
// enqueues them all; a real worker process sends them, and every outcome updates its invoice, the
// run's counters and writes a progress event) vs raw nodemailer pooled sending the same 1,000
// messages with the same attachments to the same SMTP sink (its own process). Medians of rounds.
//  - rate: first-to-last arrival at the sink, msg/s (target: Mailroom / raw ≥ 0.8);
//  - end to end: Start (the POST /api/v1/runs use-case) → run `completed`, vs raw first send → last arrival.
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { importInvoices } from '@/lib/bulk/import-invoices';
import { startInvoiceRun } from '@/lib/bulk/start-invoice-run';
import { getDb } from '@/lib/db/client';
import { runs } from '@/lib/db/schema/progress';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { createSender } from '@/lib/outbox/create-sender';
import { createBenchDatabase, median } from '../helpers/bench-database';
import { makeManifest, makePdf } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { cpuSeconds, newWorkerPid } from './process-cpu';
import { type SinkReply, startSinkProcess } from './start-sink-process';
import { workerArgs } from './worker-command';

const COUNT = Number(process.env.BENCH_INVOICES ?? 1000);
const ROUNDS = Number(process.env.BENCH_INVOICES_ROUNDS ?? 3);
const PDF_BYTES = 100 * 1024;
const CONNECTIONS = 10;
const SUBJECT = 'Facture {period} — {clientName}';
const BODY =
  'Bonjour,\n\nVeuillez trouver ci-joint votre facture {fileName} ({clientCode}).\n\nCordialement,\nLe cabinet';

function invoiceSet() {
  const rows = Array.from({ length: COUNT }, (_, k) => {
    const code = `CCT${String(k + 1).padStart(4, '0')}`;
    return {
      clientCode: code,
      clientName: `Client ${k + 1}`,
      period: '2025-01',
      recipients: `billing${k + 1}@client${k + 1}.example`,
      fileName: `FACTURE_2025_01_${code}.pdf`,
    };
  });
  const pdfs = rows.map((r) => makePdf(r.clientCode, PDF_BYTES));
  return { rows, pdfs };
}

async function rawRound(
  port: number,
  ask: (m: object) => Promise<SinkReply>,
  set: ReturnType<typeof invoiceSet>,
): Promise<{ rate: number; totalMs: number; cpu: number }> {
  await ask({ type: 'reset' });
  const cpuBefore = cpuSeconds(process.pid);
  const transport = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    maxConnections: CONNECTIONS,
    maxMessages: 1000,
  });
  const done = ask({ type: 'wait', count: COUNT, timeoutMs: 600_000 });
  const started = Date.now();
  await Promise.all(
    set.rows.map((r, i) =>
      transport.sendMail({
        from: { name: 'Le cabinet', address: 'factures@cabinet.example' },
        to: r.recipients,
        subject: SUBJECT.replace('{period}', r.period).replace('{clientName}', r.clientName),
        text: BODY.replace('{fileName}', r.fileName).replace('{clientCode}', r.clientCode),
        attachments: [
          { filename: r.fileName, content: Buffer.from(set.pdfs[i]!), contentType: 'application/pdf' },
        ],
      }),
    ),
  );
  const result = await done;
  const cpu = cpuSeconds(process.pid) - cpuBefore;
  transport.close();
  return {
    rate: (COUNT - 1) / ((result.last! - result.first!) / 1000),
    totalMs: result.last! - started,
    cpu,
  };
}

async function mailroomRound(
  ask: (m: object) => Promise<SinkReply>,
  start: () => Promise<{ id: string; total: number }>,
  workerPid: number,
): Promise<{ rate: number; totalMs: number; enqueueMs: number; cpu: number }> {
  await ask({ type: 'reset' });
  const cpuBefore = cpuSeconds(workerPid);
  const done = ask({ type: 'wait', count: COUNT, timeoutMs: 600_000 });
  const started = performance.now();
  const startedAt = Date.now();
  const run = await start();
  const enqueueMs = performance.now() - started;
  const result = await done;
  if (result.distinct !== COUNT)
    throw new Error(
      `the sink got ${result.distinct} distinct messages, not ${COUNT}: ${JSON.stringify(result)}`,
    );
  // Delivered is not enough: every outcome recorded, the run closed with its `complete` event.
  for (;;) {
    const [row] = await getDb().select().from(runs).where(eq(runs.id, run.id));
    if (row?.status === 'completed') {
      if (row.succeeded !== COUNT) throw new Error(`run ended with ${row.succeeded} sent of ${COUNT}`);
      return {
        rate: (COUNT - 1) / ((result.last! - result.first!) / 1000),
        totalMs: row.finishedAt!.getTime() - startedAt,
        enqueueMs,
        cpu: cpuSeconds(workerPid) - cpuBefore,
      };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const invoicesBench: Bench = {
  name: 'invoices',
  description: `${COUNT.toLocaleString('en')} invoices of ~100 KB: bulk run (enqueue → worker → sink, with progress) vs raw nodemailer pooled`,
  run: async () => {
    const sink = await startSinkProcess();
    const database = await createBenchDatabase('invoices');
    let worker: ChildProcess | undefined;
    try {
      const db = getDb();
      const org = await createTestOrg(db, 'Bench');
      const sender = await createSender(db, org.ctx, {
        name: 'Sink',
        kind: 'smtp',
        fromAddress: 'factures@cabinet.example',
        fromName: 'Le cabinet',
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        maxConnections: CONNECTIONS,
      });
      const set = invoiceSet();
      const imported = await importInvoices(db, org.ctx, [
        { name: 'manifest.csv', content: new TextEncoder().encode(makeManifest(set.rows)) },
        ...set.rows.map((r, i) => ({ name: r.fileName, content: set.pdfs[i]! })),
      ]);
      if (imported.imported !== COUNT)
        throw new Error(`imported ${imported.imported}: ${JSON.stringify(imported.errors[0])}`);

      const known = new Set(
        (await db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
      );
      // As `npm run worker` starts it (its V8 heap flags), as the outbox benchmark does.
      worker = spawn('node_modules/.bin/tsx', workerArgs(), {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          LOG_LEVEL: 'warn',
          WORKER_SHUTDOWN_TIMEOUT_MS: '10000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const start = () =>
        startInvoiceRun(db, org.ctx, {
          kind: 'invoices',
          senderId: sender.id,
          filters: { period: '2025-01' },
          subject: SUBJECT,
          body: BODY,
        });
      const workerPid = await newWorkerPid(known);
      // Warm-up: the worker's first fetch, the transport's first connections.
      await mailroomRound(sink.ask, start, workerPid);

      const raw: { rate: number; totalMs: number; cpu: number }[] = [];
      const mailroom: { rate: number; totalMs: number; enqueueMs: number; cpu: number }[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const r = await rawRound(sink.port, sink.ask, set);
        const m = await mailroomRound(sink.ask, start, workerPid);
        raw.push(r);
        mailroom.push(m);
        console.log(
          `  round ${round}: raw ${r.rate.toFixed(0)} msg/s (${(r.totalMs / 1000).toFixed(2)} s) · Mailroom ${m.rate.toFixed(0)} msg/s, Start → completed ${(m.totalMs / 1000).toFixed(2)} s (enqueue in one transaction ${m.enqueueMs.toFixed(0)} ms)`,
        );
        // The raw figure is the benchmark process's CPU while only the raw sends run in it.
        console.log(
          `    CPU per message — raw nodemailer: ${((r.cpu / COUNT) * 1e6).toFixed(0)} µs; Mailroom worker: ${((m.cpu / COUNT) * 1e6).toFixed(0)} µs (${(m.cpu / r.cpu).toFixed(2)} × raw)`,
        );
      }
      const rawRate = median(raw.map((r) => r.rate));
      const mailroomRate = median(mailroom.map((m) => m.rate));
      const rawTotal = median(raw.map((r) => r.totalMs));
      const mailroomTotal = median(mailroom.map((m) => m.totalMs));
      console.log(
        `\n  raw nodemailer pooled (${CONNECTIONS} connections) → sink: ${rawRate.toFixed(0)} msg/s, ${(rawTotal / 1000).toFixed(2)} s for ${COUNT} (median)`,
      );
      console.log(
        `  Mailroom bulk run → worker → sink:                 ${mailroomRate.toFixed(0)} msg/s, Start → run completed ${(mailroomTotal / 1000).toFixed(2)} s (median; enqueue ${median(mailroom.map((m) => m.enqueueMs)).toFixed(0)} ms)`,
      );
      console.log(
        `  ratio (sending rate): ${(mailroomRate / rawRate).toFixed(2)} (target ≥ 0.8); end to end (raw total / Mailroom total): ${(rawTotal / mailroomTotal).toFixed(2)}`,
      );
      console.log(
        `  worker CPU per message: ${((median(mailroom.map((m) => m.cpu)) / COUNT) * 1e6).toFixed(0)} µs vs raw ${((median(raw.map((r) => r.cpu)) / COUNT) * 1e6).toFixed(0)} µs (medians)`,
      );
    } finally {
      if (worker && worker.exitCode === null) {
        await new Promise<void>((resolve) => {
          worker!.once('exit', () => resolve());
          worker!.kill('SIGTERM');
        });
      }
      await database.drop();
      sink.child.disconnect();
    }
  },
};
