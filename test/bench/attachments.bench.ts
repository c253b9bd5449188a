// One 25 MB attachment sent to 200 recipients as 200 messages: the file is stored once (the
// content-addressed store), and the worker — exactly as `npm run worker` starts it — sends all 200
// with a peak RSS under 300 MB (the batch's file is read once and shared with the sending threads).
// Beside it, raw nodemailer pooled sending the same 200 messages from one Buffer to the same sink.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { getDb } from '@/lib/db/client';
import { storedFiles } from '@/lib/db/schema/files';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { createSender } from '@/lib/outbox/create-sender';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { createBenchDatabase } from '../helpers/bench-database';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { startSinkProcess } from './start-sink-process';
import { workerArgs } from './worker-command';

const COUNT = Number(process.env.BENCH_ATTACHMENT_MESSAGES ?? 200);
const BYTES = Number(process.env.BENCH_ATTACHMENT_MB ?? 25) * 1024 * 1024;
const CONNECTIONS = 5;

export const attachmentsBench: Bench = {
  name: 'attachments',
  description: `one ${BYTES / 1048576} MB attachment to ${COUNT} recipients as ${COUNT} messages: stored once, worker RSS < 300 MB; raw nodemailer beside it`,
  run: async () => {
    const sink = await startSinkProcess();
    const database = await createBenchDatabase('attachments');
    try {
      const db = getDb();
      const org = await createTestOrg(db, 'Bench');
      const sender = await createSender(db, org.ctx, {
        name: 'Sink',
        kind: 'smtp',
        fromAddress: 'office@bench.example',
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        maxConnections: CONNECTIONS,
      });
      const file = Buffer.alloc(BYTES);
      for (let i = 0; i < BYTES; i += 4) file.writeUInt32LE((i * 2654435761) >>> 0, i);
      const base64 = file.toString('base64');

      // Raw: the same messages from one Buffer.
      await sink.ask({ type: 'reset' });
      const transport = nodemailer.createTransport({
        pool: true,
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        maxConnections: CONNECTIONS,
      });
      const rawDone = sink.ask({ type: 'wait', count: COUNT, timeoutMs: 900_000 });
      const rawStart = Date.now();
      await Promise.all(
        Array.from({ length: COUNT }, (_, i) =>
          transport.sendMail({
            from: 'office@bench.example',
            to: `r${i}@bench.example`,
            subject: 'The big file',
            text: 'Attached.',
            attachments: [{ filename: 'big.bin', content: file }],
          }),
        ),
      );
      await rawDone;
      const rawMs = Date.now() - rawStart;
      transport.close();

      // Mailroom: enqueued a few at a time as a caller would (each message carries the file).
      const enqueueStart = Date.now();
      for (let i = 0; i < COUNT; i += 5) {
        await enqueueMessage(
          db,
          org.ctx,
          Array.from({ length: Math.min(5, COUNT - i) }, (_, k) => ({
            senderId: sender.id,
            to: `m${i + k}@bench.example`,
            subject: 'The big file',
            text: 'Attached.',
            attachments: [{ filename: 'big.bin', content: base64 }],
          })),
        );
      }
      const enqueueMs = Date.now() - enqueueStart;
      const stored = await db.$count(storedFiles, eq(storedFiles.orgId, org.id));

      await sink.ask({ type: 'reset' });
      const done = sink.ask({ type: 'wait', count: COUNT, timeoutMs: 900_000 });
      const worker = spawn('node_modules/.bin/tsx', workerArgs(), {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          LOG_LEVEL: 'warn',
          WORKER_SHUTDOWN_TIMEOUT_MS: '10000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const started = Date.now();
      try {
        let pid = 0;
        while (!pid) {
          pid = (await db.select().from(workerHeartbeats))[0]?.pid ?? 0;
          if (!pid) await new Promise((r) => setTimeout(r, 50));
        }
        await done;
        const mailroomMs = Date.now() - started;
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const rssMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        console.log(
          `  stored files: ${stored} (target 1) · enqueue ${COUNT} messages: ${(enqueueMs / 1000).toFixed(1)} s`,
        );
        console.log(
          `  raw nodemailer pooled (${CONNECTIONS} connections): ${(rawMs / 1000).toFixed(1)} s · Mailroom worker: ${(mailroomMs / 1000).toFixed(1)} s (worker start included) · ratio ${(rawMs / mailroomMs).toFixed(2)}`,
        );
        console.log(`  worker peak RSS: ${rssMb.toFixed(0)} MB (target < 300 MB)`);
      } finally {
        await new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.kill('SIGTERM');
        });
      }
    } finally {
      await database.drop();
      sink.child.disconnect();
    }
  },
};
