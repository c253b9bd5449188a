// A message's overall status follows its recipients' outcomes: sent while at least one recipient
// was sent (and not later reported as never received), failed when none was — with the reason,
// the recipients' own when they all failed the same way. Called when the run's last recipient has
// an outcome (pending → sent | failed), and again when delivery reports turn sent recipients into
// failed ones after the message was already "sent" (sent → failed once none is left). Skipped
// recipients are neither: a message whose every handed-over recipient failed has failed.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export async function settleBroadcastStatus(
  tx: DbOrTx,
  broadcastIds: string[],
  from: 'pending' | 'sent',
): Promise<void> {
  if (broadcastIds.length === 0) return;
  await tx.execute(sql`
    with c as (
      select b.id,
        count(r.id) filter (where r.status = 'sent') as sent,
        count(r.id) filter (where r.status = 'failed') as failed,
        count(distinct r.reason) filter (where r.status = 'failed') as reasons,
        min(regexp_replace(coalesce(r.reason, 'failed'), '^undelivered: ', '')) filter (where r.status = 'failed') as reason
      from broadcasts b left join broadcast_recipients r on r.broadcast_id = b.id
      where b.id = any(${sql.param(broadcastIds)}::uuid[]) and b.status = ${from}::broadcast_status
      group by b.id
    )
    update broadcasts b set
      status = case when c.sent > 0 then 'sent'::broadcast_status else 'failed'::broadcast_status end,
      failure_reason = case
        when c.sent > 0 then null
        when c.failed = 0 then 'undelivered: no recipient could be sent to'
        when c.reasons <= 1 then 'undelivered: ' || c.reason
        else 'undelivered: none of the ' || c.failed || ' recipients received it (' || c.reason || ', …)'
      end,
      finished_at = coalesce(b.finished_at, now()), updated_at = now()
    from c
    where b.id = c.id and (${from}::text = 'pending' or c.sent = 0)`);
}
