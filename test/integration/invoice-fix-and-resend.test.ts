// After a run, fix and resend: a refused invoice gets its address corrected and is resent alone
// through the outbox (origin invoice-run); the real worker sends it to a real SMTP server and its
// outcome reaches the run like the others. An invoice sent in a run can be neither edited nor
// deleted; one never sent can be both. Tenancy: another org finds none of them.
process.env.MAILROOM_SEND_BATCH_SIZE = '5';
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.LOG_LEVEL ??= 'warn';

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { listFailedDeliveries } from '@/lib/bulk/list-failed-deliveries';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { deleteInvoice, updateInvoice } from '@/lib/bulk/update-invoice';
import { invoiceDeliveries, invoices } from '@/lib/db/schema/invoices';
import { outboxMessages } from '@/lib/db/schema/outbox';
import { runs } from '@/lib/db/schema/progress';
import { createSender } from '@/lib/outbox/create-sender';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({ auth: false, tls: false }, (s) => (sink = s));

const finished = (runId: string) =>
  waitFor(
    async () => {
      const [run] = await t.db.select().from(runs).where(eq(runs.id, runId));
      return run?.status === 'completed' ? run : null;
    },
    { what: 'the run to complete' },
  );

describe('fix and resend', () => {
  it('corrects a refused address and resends that invoice alone, its outcome counted in the run', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(3, {
      period: '2025-02',
      recipients: (i) => (i === 2 ? 'nobody@reject-fix.example' : `billing${i}@client${i}.example`),
    });
    sink.rules.set('nobody@reject-fix.example', { reply: '550 mailbox unavailable' });
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json).toEqual({ imported: 3, errors: [] });
    // One more, never sent, outside the run's filter.
    const extra = makeInvoiceBatch(1, { period: '2025-03' });
    await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(extra.manifest, extra.files) }),
    });
    const sender = await createSender(t.db, org.ctx, {
      name: 'Sink',
      kind: 'smtp',
      fromAddress: 'billing@acme.example',
      host: sink.host,
      port: sink.port,
      security: 'none',
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
    const runId = started.json.id as string;
    expect(await finished(runId)).toMatchObject({ succeeded: 2, failed: 1 });

    const [failed] = await listFailedDeliveries(t.db, org.ctx, runId);
    expect(failed).toMatchObject({ clientCode: 'CCT002', recipients: ['nobody@reject-fix.example'] });
    expect(failed!.error).toContain('550 mailbox unavailable');

    // Another org can neither fix nor resend it.
    await expect(
      updateInvoice(t.db, other.ctx, failed!.invoiceId, { recipients: 'x@y.example' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      retryFailedInvoices(t.db, other.ctx, runId, { invoiceId: failed!.invoiceId }),
    ).rejects.toMatchObject({
      status: 404,
    });
    // A bad address is refused with the value named.
    await expect(
      updateInvoice(t.db, org.ctx, failed!.invoiceId, { recipients: 'not an address' }),
    ).rejects.toMatchObject({
      status: 400,
    });

    const fixed = await updateInvoice(t.db, org.ctx, failed!.invoiceId, {
      recipients: 'Compta@Client2.example; boss@client2.example',
    });
    expect(fixed.recipients).toEqual(['compta@client2.example', 'boss@client2.example']);

    // A sent invoice of the same run cannot be resent alone, edited or deleted.
    const [sent] = await t.db
      .select()
      .from(invoices)
      .where(
        and(eq(invoices.orgId, org.id), eq(invoices.clientCode, 'CCT001'), eq(invoices.period, '2025-02')),
      );
    await expect(retryFailedInvoices(t.db, org.ctx, runId, { invoiceId: sent!.id })).rejects.toMatchObject({
      status: 409,
    });
    await expect(updateInvoice(t.db, org.ctx, sent!.id, { clientName: 'Renamed' })).rejects.toMatchObject({
      status: 409,
      i18n: { key: 'invoiceSentNoEdit' },
    });
    await expect(deleteInvoice(t.db, org.ctx, sent!.id)).rejects.toMatchObject({
      status: 409,
      i18n: { key: 'invoiceSentNoDelete' },
    });

    const before = sink.received.length;
    expect(await retryFailedInvoices(t.db, org.ctx, runId, { invoiceId: failed!.invoiceId })).toEqual({
      id: runId,
      retried: 1,
    });
    const run = await finished(runId);
    expect(run).toMatchObject({ total: 3, processed: 3, succeeded: 3, failed: 0 });
    const received = await waitFor(() => sink.received.length > before && sink.received.slice(before));
    expect(received.flatMap((m) => m.to).sort()).toEqual(['boss@client2.example', 'compta@client2.example']);
    const [delivery] = await t.db
      .select()
      .from(invoiceDeliveries)
      .where(and(eq(invoiceDeliveries.runId, runId), eq(invoiceDeliveries.invoiceId, failed!.invoiceId)));
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    const [message] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, delivery!.messageId));
    expect(message).toMatchObject({ originKind: 'invoice-run', originId: runId, status: 'sent' });
    expect(await listFailedDeliveries(t.db, org.ctx, runId)).toEqual([]);

    // Never sent: edited, then deleted.
    const [unsent] = await t.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.orgId, org.id), eq(invoices.period, '2025-03')));
    expect((await updateInvoice(t.db, org.ctx, unsent!.id, { clientName: 'Nouveau nom' })).clientName).toBe(
      'Nouveau nom',
    );
    await expect(deleteInvoice(t.db, other.ctx, unsent!.id)).rejects.toMatchObject({ status: 404 });
    await deleteInvoice(t.db, org.ctx, unsent!.id);
    expect(await t.db.select().from(invoices).where(eq(invoices.id, unsent!.id))).toEqual([]);
  });
});
