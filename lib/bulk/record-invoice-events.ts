// The invoice-run origin hears what happened to its emails after they were sent: the latest event
// is kept on the delivery, and a hard bounce or a complaint marks the invoice as not delivered
// (its reason says which address and what the server said), so "sent" is no longer claimed for it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { DeliveryEventNotice } from '../outbox/origin-handlers';
import { oneLine } from './record-invoice-outcomes';

const UNDELIVERED = new Set(['bounced-hard', 'complained']);

export async function recordInvoiceEvents(tx: DbOrTx, events: DeliveryEventNotice[]): Promise<void> {
  // The latest per message only: one row each for the statement.
  const latest = new Map<string, DeliveryEventNotice>();
  for (const e of events) {
    const seen = latest.get(e.messageId);
    if (!seen || seen.at <= e.at) latest.set(e.messageId, e);
  }
  const rows = [...latest.values()].map((e) => {
    const detail = oneLine([e.recipient, e.detail].filter(Boolean).join(': ') || e.kind);
    return {
      message_id: e.messageId,
      kind: e.kind,
      at: e.at.toISOString(),
      detail,
      undelivered: UNDELIVERED.has(e.kind),
      reason: `${e.kind === 'complained' ? 'complaint' : 'bounced'}: ${detail}`,
    };
  });
  await tx.execute(sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as v(
        message_id uuid, kind text, at timestamptz, detail text, undelivered boolean, reason text
      )
    ), d as (
      update invoice_deliveries d set
        last_event_kind = v.kind::delivery_event_kind, last_event_at = v.at, last_event_detail = v.detail
      from v where d.message_id = v.message_id and (d.last_event_at is null or d.last_event_at <= v.at)
      returning d.invoice_id, d.run_id, v.undelivered, v.reason
    )
    update invoices i set status = 'failed', failure_reason = d.reason, updated_at = now()
    from d where i.id = d.invoice_id and d.undelivered and i.last_run_id = d.run_id
  `);
}
