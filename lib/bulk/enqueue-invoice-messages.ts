// The messages of a bulk invoice run: one outbox message per invoice on the bulk queue, rendered
// with the run's templates, its PDF attached by reference to the stored file, and the delivery row that ties invoice, run and
// message together (so the outcome finds its way back, see record-invoice-outcome.ts).
import { and, asc, inArray, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Invoice, invoiceDeliveries, invoices } from '../db/schema/invoices';
import { inOrg } from '../db/scoped';
import { enqueueMessage } from '../outbox/enqueue-message';
import type { EnqueueInput } from '../outbox/message.schema';
import type { RunTemplate } from './invoice-run.schema';
import { renderInvoiceTemplate } from './render-invoice-template';

/**
 * Enqueues one outbox message per invoice (rendered with the run's templates) and records the
 * deliveries: new rows on start, the latest message on a retry.
 */
export async function enqueueInvoiceMessages(
  tx: DbOrTx,
  ctx: OrgContext,
  runId: string,
  invoiceIds: string[],
  template: RunTemplate,
  deliveries: 'insert' | 'retry',
): Promise<void> {
  const rows = await tx
    .select({
      id: invoices.id,
      clientCode: invoices.clientCode,
      clientName: invoices.clientName,
      period: invoices.period,
      fileName: invoices.fileName,
      recipients: invoices.recipients,
      // The PDF stays where it is: each message refers to the stored file (no copy at Start).
      fileId: invoices.fileId,
    })
    .from(invoices)
    .where(and(inOrg(invoices, ctx), inArray(invoices.id, invoiceIds)))
    .orderBy(asc(invoices.clientCode), asc(invoices.period));
  const enqueued = await enqueueMessage(
    tx,
    ctx,
    rows.map((invoice) => invoiceMessage(invoice, template)),
    { queue: 'bulk', origin: { kind: 'invoice-run', id: runId } },
  );
  if (deliveries === 'insert') {
    await tx.insert(invoiceDeliveries).values(
      rows.map((invoice, i) => ({
        orgId: ctx.orgId,
        runId,
        invoiceId: invoice.id,
        messageId: enqueued[i]!.id,
      })),
    );
    return;
  }
  // A retry: the delivery now follows its new message.
  const pairs = rows.map((r, i) => sql`(${r.id}::uuid, ${enqueued[i]!.id}::uuid)`);
  await tx.execute(sql`
    update invoice_deliveries d
    set message_id = v.message_id, status = 'queued', error = null, settled_at = null,
        attempts = d.attempts + 1
    from (values ${sql.join(pairs, sql`, `)}) as v(invoice_id, message_id)
    where d.run_id = ${runId} and d.invoice_id = v.invoice_id`);
}

function invoiceMessage(
  invoice: Pick<Invoice, 'clientCode' | 'clientName' | 'period' | 'fileName' | 'recipients' | 'fileId'>,
  template: RunTemplate,
): EnqueueInput {
  return {
    senderId: template.senderId,
    to: invoice.recipients,
    subject: renderInvoiceTemplate(template.subject, invoice),
    text: renderInvoiceTemplate(template.body, invoice),
    storedAttachments: [
      { filename: invoice.fileName, contentType: 'application/pdf', fileId: invoice.fileId },
    ],
  };
}
