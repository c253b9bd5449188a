import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { invoices } from '../db/schema/invoices';
import { inOrg } from '../db/scoped';
import { containsFolded, searchText } from '../db/search-text';
import type { InvoiceFilters, InvoiceView, listInvoicesQuery } from './invoices.schema';

export const invoiceColumns = {
  id: invoices.id,
  clientCode: invoices.clientCode,
  clientName: invoices.clientName,
  period: invoices.period,
  recipients: invoices.recipients,
  fileName: invoices.fileName,
  pdfSize: invoices.pdfSize,
  status: invoices.status,
  failureReason: invoices.failureReason,
  sentAt: invoices.sentAt,
  lastRunId: invoices.lastRunId,
  createdAt: invoices.createdAt,
};

/**
 * `where` for the filters a list or a run is given. A run's client code and period match exactly
 * (a run sends what it names); the list page's client filter finds part of a code or a client's
 * name, accents and case aside (`clientSearch`).
 */
export function invoiceWhere(
  ctx: OrgContext,
  filters: InvoiceFilters,
  options: { clientSearch?: boolean } = {},
) {
  return and(
    inOrg(invoices, ctx),
    filters.clientCode
      ? options.clientSearch
        ? containsFolded(searchText.invoiceClient(), filters.clientCode)
        : eq(invoices.clientCode, filters.clientCode)
      : undefined,
    filters.period ? eq(invoices.period, filters.period) : undefined,
    filters.status ? eq(invoices.status, filters.status) : undefined,
  );
}

/** Newest period first, then by client code; pages follow `nextCursor`. */
export async function listInvoices(
  db: DbOrTx,
  ctx: OrgContext,
  query: z.infer<typeof listInvoicesQuery>,
  /** The page's client box searches; the REST API's `clientCode` stays an exact code. */
  options: { clientSearch?: boolean } = {},
): Promise<{ invoices: InvoiceView[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select(invoiceColumns)
    .from(invoices)
    .where(
      and(
        invoiceWhere(ctx, query, options),
        after
          ? sql`(${invoices.period} < ${after[0]} or (${invoices.period} = ${after[0]} and (${invoices.clientCode}, ${invoices.id}) > (${after[1]}, ${after[2]})))`
          : undefined,
      ),
    )
    .orderBy(desc(invoices.period), asc(invoices.clientCode), asc(invoices.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    invoices: page,
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.period, last.clientCode, last.id])).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string): [string, string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      return value as [string, string, string];
    }
  } catch {
    // fall through
  }
  throw badRequest('Invalid query: cursor is not one this API gave.', [
    { path: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}
