// A database outage while a batch is out causes no second send: outcomes already known are kept in
// the worker and written once PostgreSQL answers again (the lease renewed first). The database is a
// server this test owns (test/helpers/own-postgres.ts), stopped with pg_ctl for ~10 s mid-batch.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.MAILROOM_RETRY_BASE_SECONDS = '0.3';
process.env.MAILROOM_RETRY_MAX_SECONDS = '1';
process.env.MAILROOM_SEND_LEASE_SECONDS = '24';

import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messages from '@/app/api/v1/messages/route';
import { closeDb, getDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { messageAttempts, outboxMessages } from '@/lib/db/schema/outbox';
import { resetEnvCache } from '@/lib/env';
import { stopSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { withDatabase } from '../helpers/postgres-server';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { waitFor } from '../helpers/wait-for';

let pg: OwnPostgres;
let sink: SmtpSink;
let worker: RunningWorker;

beforeAll(async () => {
  pg = await startOwnPostgres();
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database mailroom');
  await admin.end();
  const url = withDatabase(pg.url, 'mailroom');
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  sink = await startSmtpSink();
  worker = await runWorker(registry);
});
afterAll(async () => {
  await worker?.stop();
  await closeSenderTransports();
  await stopSenderBoss();
  await closeDb();
  await sink?.close();
  await pg?.destroy();
});

describe('database outage while sending', () => {
  it('records every message sent during the outage once it is back, and sends none twice', async () => {
    const db = getDb();
    const org = await createTestOrg(db);
    const sender = await createSinkSender(db, org.ctx, sink, { maxConnections: 2 });
    sink.delayMs = 250; // 40 messages over two connections: about 5 s of sending

    const ids: string[] = [];
    const ours = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await callRoute(messages.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: {
          senderId: sender.id,
          to: `db-outage-${i}-${crypto.randomBytes(3).toString('hex')}@example.test`,
          subject: `Outage ${i}`,
          text: 'x',
        },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(202);
      ids.push(res.json.message.id);
      ours.add(res.json.message.messageId);
    }
    const received = () => sink.received.filter((m) => ours.has(m.messageId));

    await waitFor(() => received().length >= 4, { what: 'the batch to be under way' });
    await pg.stop();
    const atStop = received().length;
    await new Promise((r) => setTimeout(r, 10_000));
    const duringOutage = received().length - atStop;
    await pg.start();

    const rows = await waitFor(
      async () => {
        const r = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
        return r.every((m) => m.status === 'sent') ? r : null;
      },
      { timeoutMs: 40_000, what: 'every message to be recorded sent' },
    );
    // The outage did happen mid-batch: messages reached the server while nothing could be written.
    expect(duringOutage).toBeGreaterThan(0);
    expect(rows.map((m) => m.attempts)).toEqual(ids.map(() => 1));
    // Give a wrongly recovered message time to go out a second time before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(received()).toHaveLength(ids.length);
    expect(new Set(received().map((m) => m.messageId)).size).toBe(ids.length);
    const attempts = await db.select().from(messageAttempts).where(inArray(messageAttempts.messageId, ids));
    expect(attempts.map((a) => a.outcome)).toEqual(ids.map(() => 'sent'));
  });
});
