// Retry the failed emails of a finished invoice run: each gets a new outbox message (same run,
// same templates, its delivery now following the new message), and the run reopens with a `start`
// event; its failed and processed counters give those items back until they settle again.
// With `invoiceId`, only that invoice is resent ("resend this one" on the run page).
import { and, eq } from 'drizzle-orm';
import { conflict, unprocessable } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { invoiceDeliveries } from '../db/schema/invoices';
import { isUuid } from '../db/scoped';
import { lockRun } from '../progress/get-run';
import { reopenRun } from '../progress/reopen-run';
import { enqueueInvoiceMessages } from './enqueue-invoice-messages';
import { runTemplate } from './invoice-run.schema';

const CHUNK = 200;
const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function retryFailedInvoices(
  db: Db,
  ctx: OrgContext,
  runId: string,
  options: { invoiceId?: string } = {},
): Promise<{ id: string; retried: number }> {
  return db.transaction(async (tx) => {
    const run = await lockRun(tx, ctx, runId);
    if (run.kind !== 'invoices') throw unprocessable('Only invoice runs can retry their failed emails.');
    if (run.status === 'running') {
      throw conflict('This run is still sending: retry its failed emails once it has finished.').localized(
        'runStillSending',
      );
    }
    const failed = await tx
      .select({ invoiceId: invoiceDeliveries.invoiceId })
      .from(invoiceDeliveries)
      .where(
        and(
          eq(invoiceDeliveries.runId, run.id),
          eq(invoiceDeliveries.status, 'failed'),
          options.invoiceId
            ? eq(invoiceDeliveries.invoiceId, isUuid(options.invoiceId) ? options.invoiceId : NO_ID)
            : undefined,
        ),
      );
    if (failed.length === 0) {
      if (options.invoiceId)
        throw conflict('This invoice has no failed email in this run.').localized('invoiceNotFailed');
      throw conflict('No failed email in this run.').localized('runNoFailed');
    }

    await reopenRun(tx, run.id, {
      retrying: failed.length,
      message: `Retrying ${failed.length} failed email${failed.length === 1 ? '' : 's'}`,
      // A single invoice resent from the run page is marked so: its pass sends no run report.
      data: { retrying: failed.length, ...(options.invoiceId ? { invoiceId: options.invoiceId } : {}) },
    });
    // Stored by an earlier version, or edited by hand: read back through the schema, never cast.
    const stored = runTemplate.safeParse(run.params);
    if (!stored.success) {
      const issue = stored.error.issues[0]!;
      throw unprocessable(
        `This run's stored parameters can no longer be used to retry it: ${issue.path.join('.') || 'params'} ${issue.message}.`,
      );
    }
    const template = stored.data;
    const ids = failed.map((f) => f.invoiceId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await enqueueInvoiceMessages(tx, ctx, run.id, ids.slice(i, i + CHUNK), template, 'retry');
    }
    return { id: run.id, retried: failed.length };
  });
}
