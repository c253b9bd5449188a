// What Start would send: how many invoices and recipients match, and the first one rendered.
import { asc, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { invoices } from '../db/schema/invoices';
import type { InvoiceRunPreview } from './invoice-run.schema';
import type { InvoiceFilters } from './invoices.schema';
import { invoiceWhere } from './list-invoices';
import { renderInvoiceTemplate } from './render-invoice-template';

export async function previewInvoiceRun(
  db: DbOrTx,
  ctx: OrgContext,
  input: { filters: InvoiceFilters; subject: string; body: string },
): Promise<InvoiceRunPreview> {
  const where = invoiceWhere(ctx, input.filters);
  const [counts] = await db
    .select({
      invoices: sql<number>`count(*)::int`,
      recipients: sql<number>`coalesce(sum(jsonb_array_length(${invoices.recipients})), 0)::int`,
    })
    .from(invoices)
    .where(where);
  const [first] = await db
    .select({
      clientCode: invoices.clientCode,
      clientName: invoices.clientName,
      period: invoices.period,
      fileName: invoices.fileName,
      recipients: invoices.recipients,
    })
    .from(invoices)
    .where(where)
    .orderBy(asc(invoices.clientCode), asc(invoices.period))
    .limit(1);
  return {
    invoices: counts?.invoices ?? 0,
    recipients: counts?.recipients ?? 0,
    example: first
      ? {
          clientCode: first.clientCode,
          period: first.period,
          to: first.recipients,
          subject: renderInvoiceTemplate(input.subject, first),
          body: renderInvoiceTemplate(input.body, first),
          fileName: first.fileName,
        }
      : null,
  };
}
