// Origins: every message says who asked for it, and its outcome (then any event after it) reaches
// the handler its feature registered — in batches, inside the transaction that settled it. Real
// Postgres, the real SMTP sink, the queue:process pass the CLI runs, and the invoice-run handler
// the processes register (lib/register-origin-handlers.ts).
process.env.LOG_LEVEL ??= 'warn';

import { and, eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as messagesRoute from '@/app/api/v1/messages/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { invoiceDeliveries, invoices } from '@/lib/db/schema/invoices';
import { deliveryEvents, outboxMessages } from '@/lib/db/schema/outbox';
import { getSenderBoss } from '@/lib/jobs/boss';
import { cancelMessage } from '@/lib/outbox/cancel-message';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { registerOriginHandler, type SettledMessage } from '@/lib/outbox/origin-handlers';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { recordDeliveryEvents } from '@/lib/outbox/record-delivery-events';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSink } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSink({ auth: false, tls: false }, (s) => (sink = s));

async function processAll() {
  return processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 20_000 });
}

describe('origins', () => {
  it('records who asked: the REST API, and a feature with the id it belongs to', async () => {
    const a = await createTestOrg(t.db);
    const res = await callRoute(messagesRoute.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { to: 'x@example.test', subject: 'Hi', text: 'Hello' },
    });
    expect(res.status).toBe(202);
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, res.json.message.id));
    expect({ kind: row!.originKind, id: row!.originId }).toEqual({ kind: 'api', id: null });
  });

  it("hands a kind's settled messages to its handler in batches, inside the settling transaction", async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink, {
      security: 'none',
      username: undefined,
      password: undefined,
    });
    const calls: SettledMessage[][] = [];
    const broadcastId = crypto.randomUUID();
    registerOriginHandler('broadcast', {
      settled: async (tx, messages) => {
        // Inside the transaction: the row already shows its final status to this transaction.
        const [seen] = await tx
          .select({ status: outboxMessages.status })
          .from(outboxMessages)
          .where(eq(outboxMessages.id, messages[0]!.id));
        expect(seen!.status).toBe(messages[0]!.status);
        calls.push(messages);
      },
    });
    const made = await enqueueMessage(
      t.db,
      a.ctx,
      Array.from({ length: 20 }, (_, i) => ({
        senderId: sender.id,
        to: `origin-${i}-${broadcastId.slice(0, 6)}@example.test`,
        subject: `Broadcast ${i}`,
        text: 'x',
      })),
      { origin: { kind: 'broadcast', id: broadcastId } },
    );
    await processAll();
    const heard = calls.flat();
    expect(heard.map((m) => m.id).sort()).toEqual(made.map((m) => m.id).sort());
    expect(heard.every((m) => m.status === 'sent' && m.origin.kind === 'broadcast')).toBe(true);
    expect(heard.every((m) => m.origin.id === broadcastId)).toBe(true);
    // Fewer calls than messages: one per settled batch, never one per row.
    expect(calls.length).toBeLessThan(made.length);
  });

  it('refuses to settle a message whose origin has no handler in this process, and loses nothing', async () => {
    // A process that forgot to wire the reply feature: its handler taken out of the registry.
    const registry = (globalThis as Record<symbol, Map<string, unknown>>)[
      Symbol.for('mailroom.outbox.originHandlers')
    ]!;
    const wired = registry.get('reply');
    registry.delete('reply');
    onTestFinished(() => {
      if (wired) registry.set('reply', wired);
    });
    const a = await createTestOrg(t.db);
    const [m] = await enqueueMessage(
      t.db,
      a.ctx,
      [{ to: 'reply@example.test', subject: 'Re: hi', text: 'x', sendAt: new Date(Date.now() + 3_600_000) }],
      { origin: { kind: 'reply', id: crypto.randomUUID() } },
    );
    await expect(cancelMessage(t.db, a.ctx, m!.id)).rejects.toThrow(
      /No origin handler registered for "reply"/,
    );
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, m!.id));
    expect(row!.status).toBe('scheduled');
  });
});

describe('delivery events', () => {
  it('stores events per message and recipient and tells the invoice run: a hard bounce marks the invoice', async () => {
    const org = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(3, { period: '2025-02' });
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json.imported).toBe(3);
    const sender = await createSinkSender(t.db, org.ctx, sink, {
      security: 'none',
      username: undefined,
      password: undefined,
    });
    const started = await callRoute(runsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        kind: 'invoices',
        senderId: sender.id,
        filters: { period: '2025-02' },
        subject: 'Facture {period}',
        body: 'Bonjour {clientName}',
      },
    });
    expect(started.status).toBe(201);
    await processAll();
    const deliveries = await t.db
      .select()
      .from(invoiceDeliveries)
      .where(eq(invoiceDeliveries.runId, started.json.id));
    expect(deliveries.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    const [bounced, opened] = deliveries;

    const result = await recordDeliveryEvents(t.db, org.ctx, [
      {
        messageId: bounced!.messageId,
        recipient: 'nobody@client.example',
        kind: 'bounced-hard',
        detail: '550 5.1.1 user unknown',
        source: 'test',
      },
      { messageId: opened!.messageId, recipient: null, kind: 'opened', source: 'test' },
      // Another organisation's message is not this org's to record.
      { messageId: crypto.randomUUID(), kind: 'delivered', source: 'test' },
    ]);
    expect(result.recorded).toBe(2);
    const stored = await t.db
      .select()
      .from(deliveryEvents)
      .where(and(eq(deliveryEvents.orgId, org.id), eq(deliveryEvents.messageId, bounced!.messageId)));
    expect(stored).toMatchObject([
      {
        kind: 'bounced-hard',
        recipient: 'nobody@client.example',
        detail: '550 5.1.1 user unknown',
        source: 'test',
      },
    ]);

    const after = new Map(
      (await t.db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.runId, started.json.id))).map(
        (d) => [d.id, d],
      ),
    );
    expect(after.get(bounced!.id)).toMatchObject({
      status: 'sent',
      lastEventKind: 'bounced-hard',
      lastEventDetail: 'nobody@client.example: 550 5.1.1 user unknown',
    });
    expect(after.get(opened!.id)).toMatchObject({ lastEventKind: 'opened' });
    const [invoice] = await t.db.select().from(invoices).where(eq(invoices.id, bounced!.invoiceId));
    expect(invoice).toMatchObject({
      status: 'failed',
      failureReason: 'bounced: nobody@client.example: 550 5.1.1 user unknown',
    });
    const [stillSent] = await t.db.select().from(invoices).where(eq(invoices.id, opened!.invoiceId));
    expect(stillSent!.status).toBe('sent');
  });

  it('refuses an event that is not one of the kinds, with the field path', async () => {
    const org = await createTestOrg(t.db);
    await expect(
      recordDeliveryEvents(t.db, org.ctx, [
        { messageId: crypto.randomUUID(), kind: 'read' as 'opened', source: 'test' },
      ]),
    ).rejects.toMatchObject({ status: 400 });
  });
});
