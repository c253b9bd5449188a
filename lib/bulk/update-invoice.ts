// Correct or delete an imported invoice. Refused once a run sent it (or is sending it): what went
// out stays as it was in the run's history; fix a failed one's address, then resend it.
import { and, eq, inArray } from 'drizzle-orm';
import { conflict, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Invoice, invoiceDeliveries, invoices } from '../db/schema/invoices';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type UpdateInvoiceInput, updateInvoiceInput } from './invoices.schema';

async function lockEditable(
  tx: DbOrTx,
  ctx: OrgContext,
  id: string,
  doing: 'edit' | 'delete',
): Promise<Invoice> {
  const invoice = firstOr404(
    await tx
      .select()
      .from(invoices)
      .where(byIdInOrg(invoices, id, ctx))
      .for('update'),
    'invoice',
  );
  const [busy] = await tx
    .select({ status: invoiceDeliveries.status })
    .from(invoiceDeliveries)
    .where(
      and(eq(invoiceDeliveries.invoiceId, invoice.id), inArray(invoiceDeliveries.status, ['sent', 'queued'])),
    )
    .limit(1);
  if (invoice.status === 'sent' || busy?.status === 'sent')
    throw conflict(
      `This invoice was sent in a run: it can no longer be ${doing === 'edit' ? 'edited' : 'deleted'}.`,
    ).localized(doing === 'edit' ? 'invoiceSentNoEdit' : 'invoiceSentNoDelete');
  if (busy)
    throw conflict('This invoice is being sent by a run: wait for it to finish.').localized(
      'invoiceBeingSent',
    );
  return invoice;
}

export async function updateInvoice(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateInvoiceInput,
): Promise<Invoice> {
  const values = parseOr400(updateInvoiceInput, input);
  return db.transaction(async (tx) => {
    await lockEditable(tx, ctx, id, 'edit');
    const [row] = await tx
      .update(invoices)
      .set({ ...values, updatedAt: new Date() })
      .where(byIdInOrg(invoices, id, ctx))
      .returning();
    return row!;
  });
}

export async function deleteInvoice(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockEditable(tx, ctx, id, 'delete');
    await tx.delete(invoices).where(byIdInOrg(invoices, id, ctx));
  });
}

/** One invoice by (id, org), for its edit page. */
export async function getInvoice(db: DbOrTx, ctx: OrgContext, id: string): Promise<Invoice> {
  return firstOr404(
    await db
      .select()
      .from(invoices)
      .where(byIdInOrg(invoices, id, ctx)),
    'invoice',
  );
}
