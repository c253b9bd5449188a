// The broadcast origin hears what happened after sending: an open (from the pixel, through the
// outbox's delivery events) counts as a read when a person opened it and apart when a machine did;
// an SMS delivery report sets deliveredAt; a hard bounce, or an SMS the operator could not deliver
// (undelivered) or the provider failed to send (failed), marks the sent recipient failed with the
// reason — and the message failed once none of its recipients is left sent (settle-broadcast-status.ts).
// A report about a row that is not "sent" changes nothing: a skipped row was never sent, and one
// still pending gets its outcome from the settle, which the run counts.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { DeliveryEventNotice } from '../outbox/origin-handlers';
import { settleBroadcastStatus } from './settle-broadcast-status';

/** Events saying the recipient never got it: the email bounced, the SMS was not delivered. */
const NOT_RECEIVED = ['bounced-hard', 'undelivered', 'failed'];

export async function recordBroadcastEvents(
  tx: DbOrTx,
  events: { messageId: string; kind: string; at: Date; detail: string | null }[],
): Promise<void> {
  const rows = events
    .filter((e) => ['opened', 'delivered', ...NOT_RECEIVED].includes(e.kind))
    .map((e) => ({
      id: e.messageId,
      kind: NOT_RECEIVED.includes(e.kind) ? 'not-received' : e.kind,
      at: e.at.toISOString(),
      machine: e.kind === 'opened' && (e.detail ?? '').startsWith('machine'),
      reason:
        e.kind === 'bounced-hard'
          ? `bounced: ${(e.detail ?? 'hard bounce').slice(0, 300)}`
          : `undelivered: ${(e.detail ?? e.kind).slice(0, 300)}`,
    }));
  if (rows.length === 0) return;
  // Several events of one message in a batch: applied in order, each its own row of v.
  for (const kind of ['opened', 'delivered', 'not-received']) {
    const some = rows.filter((r) => r.kind === kind);
    if (some.length === 0) continue;
    const json = JSON.stringify(some);
    if (kind === 'opened') {
      await tx.execute(sql`
        with v as (
          select id, count(*) filter (where not machine) as human, count(*) filter (where machine) as machine,
                 min(at) filter (where not machine) as first_human
          from json_to_recordset(${json}::json) as v(id uuid, at timestamptz, machine boolean) group by id
        )
        update broadcast_recipients r set human_opens = r.human_opens + v.human,
          machine_opens = r.machine_opens + v.machine,
          read_at = coalesce(r.read_at, v.first_human), updated_at = now()
        from v where (r.outbox_message_id = v.id or r.sms_id = v.id)`);
    } else if (kind === 'delivered') {
      await tx.execute(sql`
        update broadcast_recipients r set delivered_at = coalesce(r.delivered_at, v.at), updated_at = now()
        from json_to_recordset(${json}::json) as v(id uuid, at timestamptz) where (r.outbox_message_id = v.id or r.sms_id = v.id)`);
    } else {
      const failed = await tx.execute<{ broadcast_id: string }>(sql`
        update broadcast_recipients r set status = 'failed', reason = v.reason, updated_at = now()
        from json_to_recordset(${json}::json) as v(id uuid, reason text)
        where (r.outbox_message_id = v.id or r.sms_id = v.id) and r.status = 'sent'
        returning r.broadcast_id`);
      await settleBroadcastStatus(tx, [...new Set(failed.map((f) => f.broadcast_id))], 'sent');
    }
  }
}

export function fromDeliveryNotices(events: DeliveryEventNotice[]) {
  return events.map((e) => ({ messageId: e.messageId, kind: e.kind, at: e.at, detail: e.detail }));
}
