// Start: one transaction creates the run (with its `start` event) and enqueues every matching
// invoice as its own outbox message on the bulk queue, PDF attached, with a delivery row tying the
// two. Either all of it commits — and the workers start sending — or none of it does.
import { asc } from 'drizzle-orm';
import { AppError, badRequest, parseOr400, unprocessable } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { invoices } from '../db/schema/invoices';
import { analyzeQueue } from '../jobs/analyze-queue';
import { log } from '../log';
import { getSender } from '../outbox/get-sender';
import { sendQueueFor } from '../outbox/send-queues';
import { startRun } from '../progress/start-run';
import { enqueueInvoiceMessages } from './enqueue-invoice-messages';
import { type InvoiceRunInput, invoiceRunInput } from './invoice-run.schema';
import { invoiceWhere } from './list-invoices';

/** Invoices loaded (with their PDFs) and enqueued at a time, to bound memory on big runs. */
const CHUNK = 200;

export async function startInvoiceRun(
  db: Db,
  ctx: OrgContext,
  input: InvoiceRunInput,
): Promise<{ id: string; total: number }> {
  const params = parseOr400(invoiceRunInput, input, 'request body');
  // One answer on senderId, before anything is enqueued (else every invoice's message says it).
  await getSender(db, ctx, params.senderId).catch((error) => {
    if (error instanceof AppError && error.status === 404) {
      throw badRequest('Invalid request body: senderId is not a sender account of this organisation', [
        { path: 'senderId', message: 'is not a sender account of this organisation' },
      ]);
    }
    throw error;
  });
  const result = await db.transaction(async (tx) => {
    const matching = await tx
      .select({ id: invoices.id, recipients: invoices.recipients })
      .from(invoices)
      .where(invoiceWhere(ctx, params.filters))
      .orderBy(asc(invoices.clientCode), asc(invoices.period));
    if (matching.length === 0)
      throw unprocessable('No invoice matches these filters.').localized('noInvoiceMatches');
    const recipients = matching.reduce((n, i) => n + i.recipients.length, 0);

    const run = await startRun(tx, ctx, {
      kind: 'invoices',
      total: matching.length,
      params,
      message: `Sending ${matching.length} invoice${matching.length === 1 ? '' : 's'} to ${recipients} recipient${recipients === 1 ? '' : 's'}`,
      data: { filters: params.filters, senderId: params.senderId, recipients },
    });
    const ids = matching.map((m) => m.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await enqueueInvoiceMessages(tx, ctx, run.id, ids.slice(i, i + CHUNK), params, 'insert');
    }
    return { id: run.id, total: matching.length };
  });
  log.info({ orgId: ctx.orgId, runId: result.id, total: result.total }, 'invoice run started');
  if (result.total >= 500) {
    // Fresh planner statistics for the bulk queue after a large insert (see lib/jobs/analyze-queue.ts).
    analyzeQueue(db, sendQueueFor('bulk').name).catch((error) =>
      log.warn({ err: error }, 'analyze after an invoice run failed'),
    );
  }
  return result;
}
