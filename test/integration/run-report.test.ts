// Whoever starts an invoice run is emailed when it ends: written in the transaction that settles
// its last email (so it exists as soon as the run is complete), in their language, from the run's
// own account, listing the refused invoices with the server's answer. A run started with an API key
// has nobody to tell.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.LOG_LEVEL ??= 'warn';

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { startInvoiceRun } from '@/lib/bulk/start-invoice-run';
import { users } from '@/lib/db/schema/auth';
import { invoiceDeliveries } from '@/lib/db/schema/invoices';
import { outboxMessages } from '@/lib/db/schema/outbox';
import { runs } from '@/lib/db/schema/progress';
import { createSender } from '@/lib/outbox/create-sender';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({ auth: false, tls: false }, (s) => (sink = s));

async function orgWithInvoices(refused: string): Promise<{ org: TestOrg; senderId: string }> {
  const org = await createTestOrg(t.db);
  const batch = makeInvoiceBatch(3, {
    period: '2025-04',
    recipients: (i) => (i === 2 ? refused : `billing${i}@client${i}.example`),
  });
  sink.rules.set(refused, { reply: '550 5.1.1 no such mailbox' });
  const imported = await callRoute(importRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
  });
  expect(imported.json).toEqual({ imported: 3, errors: [] });
  const sender = await createSender(t.db, org.ctx, {
    name: 'Factures',
    kind: 'smtp',
    fromAddress: 'factures@cabinet.example',
    host: sink.host,
    port: sink.port,
    security: 'none',
  });
  return { org, senderId: sender.id };
}

const completed = (runId: string) =>
  waitFor(
    async () => {
      const [run] = await t.db.select().from(runs).where(eq(runs.id, runId));
      return run?.status === 'completed' ? run : null;
    },
    { what: 'the run to complete' },
  );

const reportsOf = (runId: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.originKind, 'run-report'), eq(outboxMessages.originId, runId)));

const run = {
  kind: 'invoices' as const,
  filters: { period: '2025-04' },
  subject: 'Facture',
  body: 'Bonjour',
};

describe('the run report', () => {
  it('emails the person who started the run, in their language, with the refused invoices', async () => {
    const { org, senderId } = await orgWithInvoices('nobody@refused-report.example');
    await t.db.update(users).set({ locale: 'fr' }).where(eq(users.id, org.ownerId));
    const { id } = await startInvoiceRun(t.db, org.ctx, { ...run, senderId });
    await completed(id);
    // Queued with the completion itself: there is no moment when the run is complete and the
    // report is not yet in the outbox.
    const [queued, ...more] = await reportsOf(id);
    expect(more).toHaveLength(0);
    expect(queued).toMatchObject({ senderId, queue: 'transactional' });

    const received = await waitFor(() => sink.received.find((m) => m.to.includes(org.ownerEmail)), {
      what: 'the report at the SMTP server',
    });
    const mail = await sink.parse(received);
    expect(mail.from?.value[0]?.address).toBe('factures@cabinet.example');
    expect(mail.subject).toBe('Envoi de factures terminé\u202f: 1 e-mail en échec sur 3');
    expect(mail.text).toContain('2 envoyés, 1 en échec, 0 annulés, sur 3');
    expect(mail.text).toMatch(/CCT002 \(Client 2\)\u202f: .*550 5\.1\.1 no such mailbox/);
    expect(mail.text).toContain(`/runs/${id}`);
    expect(mail.html).toContain(`/runs/${id}`);
  });

  it('is sent again after "retry the failed ones", not after resending one invoice', async () => {
    const { org, senderId } = await orgWithInvoices('nobody@refused-resend.example');
    const { id } = await startInvoiceRun(t.db, org.ctx, { ...run, senderId });
    await completed(id);
    expect(await reportsOf(id)).toHaveLength(1);

    const [refused] = await t.db
      .select({ invoiceId: invoiceDeliveries.invoiceId })
      .from(invoiceDeliveries)
      .where(and(eq(invoiceDeliveries.runId, id), eq(invoiceDeliveries.status, 'failed')));
    await retryFailedInvoices(t.db, org.ctx, id, { invoiceId: refused!.invoiceId });
    await completed(id);
    expect(await reportsOf(id)).toHaveLength(1);

    await retryFailedInvoices(t.db, org.ctx, id);
    await completed(id);
    expect(await reportsOf(id)).toHaveLength(2);
  });

  it('tells nobody of a run started with an API key', async () => {
    const { org, senderId } = await orgWithInvoices('nobody@refused-apikey.example');
    const apiCtx = { ...org.ctx, actor: { kind: 'apiKey' as const, apiKeyId: 'none' } };
    const { id } = await startInvoiceRun(t.db, apiCtx, { ...run, senderId });
    await completed(id);
    expect(await reportsOf(id)).toHaveLength(0);
  });
});
