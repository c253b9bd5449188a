// The failed invoices of one run (client, addresses, the server's reason, the outbox message of the
// last attempt), for the run page's "fix and resend" list and the dashboard; and the org's latest
// invoice run, whose failures the dashboard shows.
import { and, desc, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { invoiceDeliveries, invoices } from '../db/schema/invoices';
import { type Run, runs } from '../db/schema/progress';
import { inOrg } from '../db/scoped';

export type FailedDelivery = {
  invoiceId: string;
  clientCode: string;
  clientName: string;
  period: string;
  recipients: string[];
  error: string | null;
  messageId: string;
};

export async function listFailedDeliveries(
  db: DbOrTx,
  ctx: OrgContext,
  runId: string,
  options: { limit?: number } = {},
): Promise<FailedDelivery[]> {
  return db
    .select({
      invoiceId: invoices.id,
      clientCode: invoices.clientCode,
      clientName: invoices.clientName,
      period: invoices.period,
      recipients: invoices.recipients,
      error: invoiceDeliveries.error,
      messageId: invoiceDeliveries.messageId,
    })
    .from(invoiceDeliveries)
    .innerJoin(invoices, eq(invoices.id, invoiceDeliveries.invoiceId))
    .where(
      and(
        inOrg(invoiceDeliveries, ctx),
        eq(invoiceDeliveries.runId, runId),
        eq(invoiceDeliveries.status, 'failed'),
      ),
    )
    .orderBy(invoices.clientName, invoices.clientCode)
    .limit(options.limit ?? 500);
}

export async function getLatestInvoiceRun(db: DbOrTx, ctx: OrgContext): Promise<Run | null> {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(inOrg(runs, ctx), eq(runs.kind, 'invoices')))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(1);
  return row ?? null;
}
