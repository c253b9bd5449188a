// The broadcast origin's handler: its emails (and SMS) reached their final status, in the outbox's
// settling transaction, one call per batch. Each recipient row takes the outcome (one statement),
// the run counts it and logs its line, and the last one closes the message: sent when anything
// went out, failed when nothing did (settle-broadcast-status.ts).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { SettledMessage } from '../outbox/origin-handlers';
import type { RunCounters } from '../progress/progress.schema';
import { type ItemOutcome, recordRunOutcome } from '../progress/record-run-outcome';
import { settleBroadcastStatus } from './settle-broadcast-status';
import { suppressedReason } from './suppressed-reason';

export type BroadcastOutcome = {
  /** The outbox message or SMS id. */
  id: string;
  status: 'sent' | 'failed' | 'cancelled' | 'expired';
  error: string | null;
};

const RUN: Record<BroadcastOutcome['status'], ItemOutcome> = {
  sent: 'succeeded',
  failed: 'failed',
  expired: 'failed',
  cancelled: 'cancelled',
};

export async function recordBroadcastOutcomes(
  tx: DbOrTx,
  channel: 'email' | 'sms',
  outcomes: BroadcastOutcome[],
): Promise<number> {
  const plans = outcomes.map((o) => {
    // An SMS the core skipped when it claimed it (the number replied STOP after the expansion): the
    // recipient is skipped with the reason, as one who had opted out before is.
    const optedOut = o.status === 'cancelled' && (o.error ?? '').startsWith('Skipped:');
    // An email withdrawn when claimed because its address was put on the suppression list meanwhile:
    // never handed over either, so skipped too.
    const suppressed = o.status === 'failed' ? suppressedReason(o.error) : null;
    return {
      id: o.id,
      status: o.status === 'expired' ? 'failed' : optedOut || suppressed ? 'skipped' : o.status,
      reason:
        o.status === 'expired'
          ? 'expired: not sent in time'
          : suppressed
            ? oneLine(suppressed)
            : o.status === 'failed'
              ? oneLine(o.error ?? 'failed')
              : optedOut
                ? `opted-out: ${oneLine(o.error!)}`
                : null,
      run: suppressed ? RUN.cancelled : RUN[o.status],
    };
  });
  const column = channel === 'email' ? sql.raw('outbox_message_id') : sql.raw('sms_id');
  // Only rows still pending move: a message settled twice counts once.
  const rows = await tx.execute<{
    id: string;
    broadcast_id: string;
    run_id: string | null;
    address: string | null;
    status: 'sent' | 'failed' | 'cancelled' | 'skipped';
    reason: string | null;
    run: ItemOutcome;
  }>(sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(plans)}::json) as v(id uuid, status text, reason text, run text)
    ), r as (
      update broadcast_recipients r set status = v.status::broadcast_recipient_status, reason = v.reason,
        sent_at = case when v.status = 'sent' then now() else null end, updated_at = now()
      from v where r.${column} = v.id and r.status = 'pending'
      returning r.id, r.broadcast_id, r.address, r.status, r.reason, v.run
    )
    select r.*, b.run_id from r join broadcasts b on b.id = r.broadcast_id
    order by b.run_id, r.id`);
  for (const row of rows) {
    if (!row.run_id) continue;
    const { completed } = await recordRunOutcome(tx, row.run_id, {
      outcome: row.run,
      message: (n, total) =>
        row.run === 'succeeded'
          ? `✅ ${channel === 'email' ? 'Email' : 'SMS'} ${n}/${total} sent: ${row.address}`
          : row.run === 'failed'
            ? `⚠️ ${channel === 'email' ? 'Email' : 'SMS'} ${n}/${total} ERROR: ${row.address}: ${row.reason ?? 'failed'}`
            : `🚫 ${channel === 'email' ? 'Email' : 'SMS'} ${n}/${total} cancelled: ${row.address}`,
      data: {
        broadcastId: row.broadcast_id,
        recipientId: row.id,
        channel,
        address: row.address,
        status: row.status,
        ...(row.reason ? { error: row.reason } : {}),
      },
      summarize: broadcastRunSummary,
    });
    if (completed) await settleBroadcastStatus(tx, [row.broadcast_id], 'pending');
  }
  return rows.length;
}

/** The outbox's settled emails of broadcasts. */
export function fromSettledMessages(messages: SettledMessage[]): BroadcastOutcome[] {
  return messages.map((m) => ({ id: m.id, status: m.status, error: m.error }));
}

export function broadcastRunSummary(c: RunCounters): string {
  const parts = [`${c.succeeded} sent`, `${c.failed} failed`];
  if (c.cancelled) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(', ')} of ${c.total}`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
