// An invoice email of a bulk run reached its final state (in the outbox's transaction, through
// lib/outbox/on-message-settled.ts): store the outcome on its delivery and its invoice, count it in
// the run and write its line in the live log — "✅ Email 12/50 sent: …" or "⚠️ Email 13/50 ERROR: …".
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type DeliveryStatus, invoiceDeliveries, invoices } from '../db/schema/invoices';
import type { SettledMessage } from '../outbox/on-message-settled';
import type { RunCounters } from '../progress/progress.schema';
import { type ItemOutcome, recordRunOutcome } from '../progress/record-run-outcome';

const OUTCOMES: Record<SettledMessage['status'], { delivery: DeliveryStatus; run: ItemOutcome }> = {
  sent: { delivery: 'sent', run: 'succeeded' },
  failed: { delivery: 'failed', run: 'failed' },
  expired: { delivery: 'failed', run: 'failed' },
  cancelled: { delivery: 'cancelled', run: 'cancelled' },
};

/** Returns false when the message is not (or no longer) an invoice delivery waiting for news. */
export async function recordInvoiceOutcome(tx: DbOrTx, settled: SettledMessage): Promise<boolean> {
  const outcome = OUTCOMES[settled.status];
  const error =
    settled.status === 'expired'
      ? 'expired: not sent in time'
      : settled.status === 'failed'
        ? oneLine(settled.error ?? 'failed')
        : null;
  const now = new Date();
  // Only a delivery still waiting: a message settled twice (or superseded by a retry) counts once.
  const [delivery] = await tx
    .update(invoiceDeliveries)
    .set({ status: outcome.delivery, error, settledAt: now })
    .where(and(eq(invoiceDeliveries.messageId, settled.id), eq(invoiceDeliveries.status, 'queued')))
    .returning({ runId: invoiceDeliveries.runId, invoiceId: invoiceDeliveries.invoiceId });
  if (!delivery) return false;

  const invoiceUpdate =
    outcome.delivery === 'sent'
      ? { status: 'sent' as const, sentAt: now, failureReason: null }
      : outcome.delivery === 'failed'
        ? { status: 'failed' as const, failureReason: error }
        : // Cancelled: the invoice keeps whatever it was (never sent, or sent by an earlier run).
          {};
  const [invoice] = await tx
    .update(invoices)
    .set({ ...invoiceUpdate, lastRunId: delivery.runId, updatedAt: now })
    .where(eq(invoices.id, delivery.invoiceId))
    .returning({
      clientCode: invoices.clientCode,
      fileName: invoices.fileName,
      recipients: invoices.recipients,
    });
  if (!invoice) return false;

  const what = `${invoice.clientCode} - ${invoice.fileName}`;
  await recordRunOutcome(tx, delivery.runId, {
    outcome: outcome.run,
    message: (n, total) =>
      outcome.run === 'succeeded'
        ? `✅ Email ${n}/${total} sent: ${what} → ${recipientList(invoice.recipients)}`
        : outcome.run === 'failed'
          ? `⚠️ Email ${n}/${total} ERROR: ${what}: ${serverAnswer(error ?? 'failed')}`
          : `🚫 Email ${n}/${total} cancelled: ${what}`,
    data: {
      invoiceId: delivery.invoiceId,
      messageId: settled.id,
      clientCode: invoice.clientCode,
      fileName: invoice.fileName,
      recipients: invoice.recipients,
      status: outcome.delivery,
      ...(error ? { error } : {}),
    },
    summarize: invoiceRunSummary,
  });
  return true;
}

/** "48 sent, 2 failed of 50" (and how many were cancelled, if any). */
export function invoiceRunSummary(c: RunCounters): string {
  const parts = [`${c.succeeded} sent`, `${c.failed} failed`];
  if (c.cancelled) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(', ')} of ${c.total}`;
}

/** "a@x.fr, b@y.fr (+1)": the first two, then how many more. */
function recipientList(recipients: string[]): string {
  const shown = recipients.slice(0, 2).join(', ');
  return recipients.length > 2 ? `${shown} (+${recipients.length - 2})` : shown;
}

/** The server's own answer ("550 mailbox unavailable") when the error quotes one, else the error. */
function serverAnswer(error: string): string {
  return /(?:^|:\s*)([245]\d\d[ -][\s\S]*)$/.exec(error)?.[1] ?? error;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
