// At the shutdown deadline a worker stops handing messages over, but the ones the server already
// has are waited for and recorded as what they are (sent, once); those never handed over go back
// to the queue untouched: no attempt spent, no attempt row, nothing sent twice.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.MAILROOM_SEND_LEASE_SECONDS = '6';
process.env.WORKER_SHUTDOWN_TIMEOUT_MS = '300';

import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messageAttempts, outboxMessages } from '@/lib/db/schema/outbox';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
let worker: RunningWorker;
const started = setupSinkAndWorker({}, (s, w) => {
  sink = s;
  worker = w;
});

describe('worker shutdown deadline', () => {
  it('records what the server already has, releases the rest untouched, and sends nothing twice', async () => {
    const org = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, org.ctx, sink, { maxConnections: 2 });
    const address = (i: number) => `stop-${i}-${crypto.randomBytes(3).toString('hex')}@example.test`;
    const to = Array.from({ length: 8 }, (_, i) => address(i));
    // The first two to reach the server (one per connection) are on the wire past the deadline:
    // the server has them, its answer is held; the other six wait behind them in this worker.
    let release!: () => void;
    const answer = new Promise<void>((r) => (release = r));
    let held = 0;
    sink.rules.set('*', { holdUntil: answer, onHeld: () => held++, times: 2 });
    // One enqueue call: one job, claimed as one batch.
    const enqueued = await enqueueMessage(
      t.db,
      org.ctx,
      to.map((address) => ({ senderId: sender.id, to: address, subject: 'Shutdown', text: 'x' })),
    );
    const ids = enqueued.map((m) => m.id);
    await waitFor(() => held === 2, { what: 'two messages to be held by the server' });

    const stopped = worker.stop();
    // Well past the deadline (300 ms; pg-boss aborts the batch within about a second of it) the
    // server answers; the stop waited for it.
    await new Promise((r) => setTimeout(r, 3_000));
    release();
    await stopped;

    const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    const attempts = await t.db.select().from(messageAttempts).where(inArray(messageAttempts.messageId, ids));
    const received = sink.received.filter((m) => to.some((a) => m.to.includes(a)));
    const sentTo = received.map((m) => m.to[0]!);
    expect(sentTo).toHaveLength(2);
    const sent = rows.filter((r) => sentTo.includes(r.to[0]!.address));
    expect(sent.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(attempts.map((a) => a.outcome)).toEqual(['sent', 'sent']);
    expect(attempts.map((a) => a.messageId).sort()).toEqual(sent.map((r) => r.id).sort());
    const rest = rows.filter((r) => !sent.includes(r));
    expect(rest).toHaveLength(6);
    expect(rest.map((r) => [r.status, r.attempts, r.lastError])).toEqual(rest.map(() => ['queued', 0, null]));

    // A new worker sends the released ones, and only those.
    // The fixture stops this one at the end of the file.
    worker = started.worker = await runWorker(registry);
    await waitFor(
      async () => {
        const r = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
        return r.every((m) => m.status === 'sent') ? true : null;
      },
      { timeoutMs: 20_000, what: 'the released messages to be sent by the next worker' },
    );
    const all = sink.received.filter((m) => to.some((a) => m.to.includes(a)));
    expect(all.map((m) => m.to[0]).sort()).toEqual([...to].sort());
  });
});
