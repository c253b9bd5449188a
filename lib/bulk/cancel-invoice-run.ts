// Cancel a running invoice run: every email not yet handed to the server is cancelled through the
// outbox (each one then settles as `cancelled` and is counted and logged like any outcome); emails
// already being sent finish normally. The run completes as `cancelled` once the last one settles.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { AppError, conflict, unprocessable } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { invoiceDeliveries } from '../db/schema/invoices';
import { runs } from '../db/schema/progress';
import { log } from '../log';
import { cancelMessage } from '../outbox/cancel-message';
import { getRun, lockRun, toRunView } from '../progress/get-run';
import type { RunView } from '../progress/progress.schema';

/** Emails cancelled per transaction: the run's row stays locked only briefly, workers keep settling. */
const CHUNK = 100;

export async function cancelInvoiceRun(
  db: Db,
  ctx: OrgContext,
  runId: string,
): Promise<{ run: RunView; cancelled: number }> {
  await db.transaction(async (tx) => {
    const run = await lockRun(tx, ctx, runId);
    if (run.kind !== 'invoices') throw unprocessable('Only invoice runs can be cancelled.');
    if (run.status !== 'running')
      throw conflict(`This run has already ${run.status}: nothing left to cancel.`).localized('runFinished');
    await tx
      .update(runs)
      .set({ cancelRequestedAt: new Date() })
      .where(and(eq(runs.id, run.id), isNull(runs.cancelRequestedAt)));
  });

  let cancelled = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const waiting = await db
      .select({ messageId: invoiceDeliveries.messageId })
      .from(invoiceDeliveries)
      .where(
        and(
          eq(invoiceDeliveries.orgId, ctx.orgId),
          eq(invoiceDeliveries.runId, runId),
          eq(invoiceDeliveries.status, 'queued'),
          gt(invoiceDeliveries.messageId, after),
        ),
      )
      .orderBy(asc(invoiceDeliveries.messageId))
      .limit(CHUNK);
    if (waiting.length === 0) break;
    after = waiting[waiting.length - 1]!.messageId;
    cancelled += await withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        let n = 0;
        for (const { messageId } of waiting) {
          try {
            await cancelMessage(tx, ctx, messageId);
            n++;
          } catch (error) {
            // Already being sent, or finished meanwhile: it settles on its own.
            if (!(error instanceof AppError && error.status === 409)) throw error;
          }
        }
        return n;
      }),
    );
  }
  log.info({ orgId: ctx.orgId, runId, cancelled }, 'invoice run cancelled');
  return { run: toRunView(await getRun(db, ctx, runId)), cancelled };
}

/**
 * A worker settling a message of this run takes the message's lock, then the run's; a cancel takes
 * them in the same order, but a worker that expires messages while claiming may still cross it.
 * Postgres then aborts one side: try that chunk again.
 */
async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ??
        (error as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}
