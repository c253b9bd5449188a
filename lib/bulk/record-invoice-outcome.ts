// An invoice email of a bulk run reached its final state (in the outbox's transaction, through
// lib/outbox/on-message-settled.ts): store the outcome on its delivery and its invoice, count it in
// the run and write its line in the live log — "✅ Email 12/50 sent: …" or "⚠️ Email 13/50 ERROR: …".
import { sql } from 'drizzle-orm';
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
  // One statement: only a delivery still waiting moves (a message settled twice, or superseded by a
  // retry, counts once), and its invoice takes the outcome — a cancelled one keeps whatever it was
  // (never sent, or sent by an earlier run).
  const [row] = await tx.execute<{
    run_id: string;
    invoice_id: string;
    client_code: string;
    file_name: string;
    recipients: string[];
  }>(sql`
    with d as (
      update ${invoiceDeliveries} set status = ${outcome.delivery}, error = ${error}, settled_at = now()
      where message_id = ${settled.id} and status = 'queued'
      returning run_id, invoice_id
    )
    update ${invoices} i set
      status = case ${outcome.delivery} when 'sent' then 'sent'::invoice_status
                                        when 'failed' then 'failed'::invoice_status else i.status end,
      sent_at = case when ${outcome.delivery} = 'sent' then now() else i.sent_at end,
      failure_reason = case ${outcome.delivery} when 'sent' then null when 'failed' then ${error}
                            else i.failure_reason end,
      last_run_id = d.run_id,
      updated_at = now()
    from d where i.id = d.invoice_id
    returning d.run_id, d.invoice_id, i.client_code, i.file_name, i.recipients`);
  if (!row) return false;
  const delivery = { runId: row.run_id, invoiceId: row.invoice_id };
  const invoice = { clientCode: row.client_code, fileName: row.file_name, recipients: row.recipients };

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
