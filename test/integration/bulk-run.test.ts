// Bulk invoice runs end to end below the browser: REST → one transaction (run + outbox messages) →
// the real worker → a real SMTP server that refuses two recipients → outcomes, counters and the
// progress events read over SSE as a client would. Then retry-failed, cancel mid-run, tenancy.
process.env.MAILROOM_SEND_BATCH_SIZE = '5';
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.LOG_LEVEL ??= 'warn';

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as invoicesRoute from '@/app/api/v1/invoices/route';
import * as cancelRoute from '@/app/api/v1/runs/[id]/cancel/route';
import * as runEvents from '@/app/api/v1/runs/[id]/events/route';
import * as retryRoute from '@/app/api/v1/runs/[id]/retry-failed/route';
import * as runById from '@/app/api/v1/runs/[id]/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { invoiceDeliveries } from '@/lib/db/schema/invoices';
import { outboxMessages } from '@/lib/db/schema/outbox';
import { runs } from '@/lib/db/schema/progress';
import { createSender } from '@/lib/outbox/create-sender';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { readSse, type SseEvent } from '../helpers/sse-reader';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({ auth: false, tls: false }, (s) => (sink = s));

type Event = { seq: number; kind: string; message: string; data: Record<string, unknown> };
const body = (e: SseEvent) => e.json as Event;

async function orgWithInvoices(
  count: number,
  recipients?: (i: number) => string,
  sender: { ratePerMinute?: number } = {},
) {
  const period = '2025-01';
  const org = await createTestOrg(t.db);
  const batch = makeInvoiceBatch(count, { period, recipients });
  const imported = await callRoute(importRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
  });
  expect(imported.json).toEqual({ imported: count, errors: [] });
  const account = await createSender(t.db, org.ctx, {
    name: 'Test sink',
    kind: 'smtp',
    fromAddress: 'billing@acme.example',
    fromName: 'Acme Accounting',
    host: sink.host,
    port: sink.port,
    security: 'none',
    ...sender,
  });
  return { org, batch, senderId: account.id };
}

function startRun(org: TestOrg, senderId: string, extra: Record<string, unknown> = {}) {
  return callRoute(runsRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: {
      kind: 'invoices',
      senderId,
      filters: { period: '2025-01' },
      subject: 'Facture {period} — {clientName}',
      body: 'Bonjour,\n\nVeuillez trouver ci-joint la facture {fileName} ({clientCode}).\n',
      ...extra,
    },
  });
}

async function streamToEnd(org: TestOrg, runId: string, lastEventId?: number) {
  const res = await runEvents.GET(
    new Request(`http://localhost/api/v1/runs/${runId}/events`, {
      headers: {
        authorization: `Bearer ${org.apiKey}`,
        ...(lastEventId ? { 'last-event-id': String(lastEventId) } : {}),
      },
    }),
    { params: Promise.resolve({ id: runId }) },
  );
  expect(res.status).toBe(200);
  const sse = readSse(res);
  await sse.closed;
  return sse.events.map(body);
}

describe('bulk invoice runs', () => {
  let first: { org: TestOrg; runId: string; lastSeq: number };

  it('sends 50 invoices through the worker: 48 sent, 2 refused, with every event in order', async () => {
    const rejected = new Set([13, 37]);
    const { org, batch, senderId } = await orgWithInvoices(50, (i) =>
      rejected.has(i)
        ? `nobody${i}@reject.example`
        : i === 1
          ? 'a@client1.example; b@client1.example, c@client1.example'
          : `billing${i}@client${i}.example`,
    );
    for (const i of rejected)
      sink.rules.set(`nobody${i}@reject.example`, { reply: '550 mailbox unavailable' });
    const before = sink.received.length;

    const started = await startRun(org, senderId);
    expect(started.status).toBe(201);
    expect(started.json).toEqual({ id: expect.any(String), total: 50 });
    const runId = started.json.id;

    const events = await streamToEnd(org, runId);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(events[0]).toMatchObject({ kind: 'start', message: 'Sending 50 invoices to 52 recipients' });
    const lines = events.slice(1, -1);
    expect(lines.filter((e) => e.kind === 'progress')).toHaveLength(48);
    const errors = lines.filter((e) => e.kind === 'error');
    expect(errors.map((e) => e.message.replace(/Email \d+\//, 'Email n/')).sort()).toEqual([
      '⚠️ Email n/50 ERROR: CCT013 - FACTURE_2025_01.pdf: 550 mailbox unavailable',
      '⚠️ Email n/50 ERROR: CCT037 - FACTURE_2025_01.pdf: 550 mailbox unavailable',
    ]);
    // Numbered in the order they settled, 1 to 50.
    expect(lines.map((e) => /Email (\d+)\/50/.exec(e.message)?.[1])).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    expect(lines.find((e) => e.message.includes('CCT001'))!.message).toMatch(
      /^✅ Email \d+\/50 sent: CCT001 - FACTURE_2025_01\.pdf → a@client1\.example, b@client1\.example \(\+1\)$/,
    );
    expect(events.at(-1)).toMatchObject({
      kind: 'complete',
      message: '48 sent, 2 failed of 50',
      data: { counters: { status: 'completed', total: 50, processed: 50, succeeded: 48, failed: 2 } },
    });

    const run = await callRoute(runById.GET, { apiKey: org.apiKey, params: { id: runId } });
    expect(run.json.run).toMatchObject({
      status: 'completed',
      total: 50,
      processed: 50,
      succeeded: 48,
      failed: 2,
    });
    expect(run.json.run.finishedAt).not.toBeNull();
    const failed = await callRoute(invoicesRoute.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/invoices?status=failed',
    });
    expect(failed.json.invoices.map((i: { clientCode: string }) => i.clientCode)).toEqual([
      'CCT013',
      'CCT037',
    ]);
    expect(failed.json.invoices[0].failureReason).toContain('550 mailbox unavailable');
    const sent = await callRoute(invoicesRoute.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/invoices?status=sent',
    });
    expect(sent.json.invoices).toHaveLength(48);
    expect(
      sent.json.invoices.every(
        (i: { sentAt: string; lastRunId: string }) => i.sentAt && i.lastRunId === runId,
      ),
    ).toBe(true);

    // What the SMTP server received: 48 messages, each with its own client's PDF.
    const received = sink.received.slice(before);
    expect(received).toHaveLength(48);
    const forClient7 = received.find((m) => m.to.includes('billing7@client7.example'))!;
    const mail = await sink.parse(forClient7);
    expect(mail.subject).toBe('Facture 2025-01 — Client 7');
    expect(mail.text).toContain('Veuillez trouver ci-joint la facture FACTURE_2025_01.pdf (CCT007).');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('FACTURE_2025_01.pdf');
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.attachments[0]!.content.equals(Buffer.from(batch.files['CCT007/FACTURE_2025_01.pdf']!))).toBe(
      true,
    );
    const toClient1 = received.find((m) => m.to.includes('a@client1.example'))!;
    expect(toClient1.to.sort()).toEqual(['a@client1.example', 'b@client1.example', 'c@client1.example']);

    // Every invoice went out as its own outbox message on the bulk queue, tied to the run.
    const messages = await t.db.select().from(outboxMessages).where(eq(outboxMessages.originId, runId));
    expect(messages).toHaveLength(50);
    expect(new Set(messages.map((m) => m.queue))).toEqual(new Set(['bulk']));
    first = { org, runId, lastSeq: events.at(-1)!.seq };
  });

  it('retries the failed ones in the same run, which completes again', async () => {
    const { org, runId, lastSeq } = first;
    sink.rules.clear();
    const retried = await callRoute(retryRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: runId },
    });
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual({ id: runId, retried: 2 });

    const events = await streamToEnd(org, runId, lastSeq);
    expect(events.map((e) => [e.kind, e.message.replace(/: CCT0\d\d .*/, '')])).toEqual([
      ['start', 'Retrying 2 failed emails'],
      ['progress', '✅ Email 49/50 sent'],
      ['progress', '✅ Email 50/50 sent'],
      ['complete', '50 sent, 0 failed of 50'],
    ]);
    const all = await callRoute(invoicesRoute.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/invoices?status=sent',
    });
    expect(all.json.invoices).toHaveLength(50);
    const deliveries = await t.db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.runId, runId));
    expect(deliveries.filter((d) => d.attempts === 2).length).toBe(2);

    const again = await callRoute(retryRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: runId },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe('No failed email in this run.');
  });

  it('cancels what is not sent yet; what was in flight finishes; the run ends cancelled', async () => {
    // An account limited to 10 a minute: 10 go out (slowly), the other 30 wait their turn.
    const { org, senderId } = await orgWithInvoices(40, undefined, { ratePerMinute: 10 });
    sink.delayMs = 200;
    const before = sink.received.length;
    const started = await startRun(org, senderId);
    const runId = started.json.id;
    await sink.waitFor(before + 1);

    const cancelled = await callRoute(cancelRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: runId },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.cancelled).toBe(30);
    sink.delayMs = 0;

    const events = await streamToEnd(org, runId);
    const done = events.at(-1)!;
    expect(done.kind).toBe('complete');
    const counters = done.data.counters as Record<string, number | string>;
    expect(counters.status).toBe('cancelled');
    expect(counters.cancelled).toBe(cancelled.json.cancelled);
    expect(Number(counters.succeeded) + Number(counters.cancelled)).toBe(40);
    expect(done.message).toBe(`${counters.succeeded} sent, 0 failed, ${counters.cancelled} cancelled of 40`);
    expect(events.filter((e) => e.message.startsWith('🚫 Email'))).toHaveLength(Number(counters.cancelled));
    // The server got exactly the ones that were not cancelled.
    expect(sink.received.length - before).toBe(counters.succeeded);
    const [row] = await t.db.select().from(runs).where(eq(runs.id, runId));
    expect(row).toMatchObject({ status: 'cancelled', processed: 40 });
    const untouched = await callRoute(invoicesRoute.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/invoices?status=never_sent',
    });
    expect(untouched.json.invoices).toHaveLength(Number(counters.cancelled));

    const twice = await callRoute(cancelRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: runId },
    });
    expect(twice.status).toBe(409);
  });

  it('refuses bad starts without storing anything, and keeps runs to their organisation', async () => {
    const { org, senderId } = await orgWithInvoices(2);
    const other = await createTestOrg(t.db);
    const runsBefore = await t.db.$count(runs);

    const unknownVariable = await startRun(org, senderId, { subject: 'Invoice {month}' });
    expect(unknownVariable.status).toBe(400);
    expect(unknownVariable.json.error.details[0]).toEqual({
      path: 'subject',
      message:
        'the subject uses unknown variable {month}; available: {clientCode}, {clientName}, {period}, {fileName}',
    });
    const nothing = await startRun(org, senderId, { filters: { period: '2031-01' } });
    expect(nothing.status).toBe(422);
    expect(nothing.json.error.message).toBe('No invoice matches these filters.');
    // Another organisation's sender: one error on senderId, before invoices are even looked for.
    const foreignSender = await startRun(other, senderId);
    expect(foreignSender.status).toBe(400);
    expect(foreignSender.json.error.details).toEqual([
      { path: 'senderId', message: 'is not a sender account of this organisation' },
    ]);
    const otherSender = await callRoute(runsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { kind: 'invoices', senderId: crypto.randomUUID(), subject: 's', body: 'b' },
    });
    expect(otherSender.status).toBe(400);
    expect(otherSender.json.error.details.map((d: { path: string }) => d.path)).toEqual(['senderId']);
    expect(await t.db.$count(runs)).toBe(runsBefore);

    const started = await startRun(org, senderId);
    const id = started.json.id;
    for (const call of [
      callRoute(runById.GET, { apiKey: other.apiKey, params: { id } }),
      callRoute(cancelRoute.POST, { method: 'POST', apiKey: other.apiKey, params: { id } }),
      callRoute(retryRoute.POST, { method: 'POST', apiKey: other.apiKey, params: { id } }),
      callRoute(runEvents.GET, { apiKey: other.apiKey, params: { id } }),
    ]) {
      const res = await call;
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'Run not found.' } });
    }
    const history = await callRoute(runsRoute.GET, { apiKey: org.apiKey });
    expect(history.json.runs.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await callRoute(runsRoute.GET, { apiKey: other.apiKey })).json.runs).toEqual([]);
    await streamToEnd(org, id);
  });
});
