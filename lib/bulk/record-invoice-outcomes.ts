// The invoice-run origin's handler: invoice emails of bulk runs reached their final state (in the
// outbox's settling transaction, one call per batch): store each outcome on its delivery and its
// invoice (one statement for the batch), count it in its run and write its line in the live log —
// "✅ Email 12/50 sent: …" or "⚠️ Email 13/50 ERROR: …".
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { DeliveryStatus } from '../db/schema/invoices';
import type { SettledMessage } from '../outbox/origin-handlers';
import type { RunCounters } from '../progress/progress.schema';
import {
  type ItemOutcome,
  type RecordRunOutcomeInput,
  recordRunOutcomes,
} from '../progress/record-run-outcome';
import { emailRunReport } from './email-run-report';

const OUTCOMES: Record<SettledMessage['status'], { delivery: DeliveryStatus; run: ItemOutcome }> = {
  sent: { delivery: 'sent', run: 'succeeded' },
  failed: { delivery: 'failed', run: 'failed' },
  expired: { delivery: 'failed', run: 'failed' },
  cancelled: { delivery: 'cancelled', run: 'cancelled' },
};

type Settled = {
  run_id: string;
  invoice_id: string;
  message_id: string;
  client_code: string;
  file_name: string;
  recipients: string[];
};

/** Returns how many of the messages were invoice deliveries waiting for news. */
export async function recordInvoiceOutcomes(tx: DbOrTx, messages: SettledMessage[]): Promise<number> {
  const plans = messages.map((m) => {
    const error =
      m.status === 'expired'
        ? 'expired: not sent in time'
        : m.status === 'failed'
          ? oneLine(m.error ?? 'failed')
          : null;
    return { message_id: m.id, delivery: OUTCOMES[m.status].delivery, error };
  });
  // Only deliveries still waiting move (a message settled twice, or superseded by a retry, counts
  // once), and their invoices take the outcome — a cancelled one keeps whatever it was (never sent,
  // or sent by an earlier run).
  const rows = await tx.execute<Settled>(sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(plans)}::json) as v(message_id uuid, delivery text, error text)
    ), d as (
      update invoice_deliveries d set status = v.delivery::invoice_delivery_status, error = v.error, settled_at = now()
      from v where d.message_id = v.message_id and d.status = 'queued'
      returning d.run_id, d.invoice_id, d.message_id, v.delivery, v.error
    ), i as (
      update invoices i set
        status = case d.delivery when 'sent' then 'sent'::invoice_status
                                 when 'failed' then 'failed'::invoice_status else i.status end,
        sent_at = case when d.delivery = 'sent' then now() else i.sent_at end,
        failure_reason = case d.delivery when 'sent' then null when 'failed' then d.error
                              else i.failure_reason end,
        last_run_id = d.run_id,
        updated_at = now()
      from d where i.id = d.invoice_id
      returning i.id
    )
    select d.run_id, d.invoice_id, d.message_id, inv.client_code, inv.file_name, inv.recipients
    from d join invoices inv on inv.id = d.invoice_id`);
  if (rows.length === 0) return 0;

  const plan = new Map(plans.map((p) => [p.message_id, p]));
  const order = new Map(messages.map((m, i) => [m.id, i]));
  // Runs locked in one order (then the batch's), so two workers settling for the same runs never
  // deadlock; within a run, items are numbered as they settle.
  const sorted = [...rows].sort(
    (a, b) => a.run_id.localeCompare(b.run_id) || order.get(a.message_id)! - order.get(b.message_id)!,
  );
  // One statement per run for the batch's lines (each still numbered as it settled), not one per email.
  const byRun = new Map<string, RecordRunOutcomeInput[]>();
  for (const row of sorted) {
    const { delivery, error } = plan.get(row.message_id)!;
    const outcome = OUTCOMES[messages[order.get(row.message_id)!]!.status].run;
    const what = `${row.client_code} - ${row.file_name}`;
    const items = byRun.get(row.run_id) ?? [];
    byRun.set(row.run_id, items);
    items.push({
      outcome,
      message: (n, total) =>
        outcome === 'succeeded'
          ? `✅ Email ${n}/${total} sent: ${what} → ${recipientList(row.recipients)}`
          : outcome === 'failed'
            ? `⚠️ Email ${n}/${total} ERROR: ${what}: ${serverAnswer(error ?? 'failed')}`
            : `🚫 Email ${n}/${total} cancelled: ${what}`,
      data: {
        invoiceId: row.invoice_id,
        messageId: row.message_id,
        clientCode: row.client_code,
        fileName: row.file_name,
        recipients: row.recipients,
        status: delivery,
        ...(error ? { error } : {}),
      },
      summarize: invoiceRunSummary,
    });
  }
  for (const [runId, items] of byRun) {
    const { run, completed } = await recordRunOutcomes(tx, runId, items);
    if (completed) await emailRunReport(tx, run);
  }
  return rows.length;
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

export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
