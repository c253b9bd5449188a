// Statistics of one message, by channel: recipients, their statuses, deliveries (SMS reports) and
// reads — people who read it (per-person tracking or mark-as-read) and every open, human and
// machine apart. The page and GET /api/v1/broadcasts/{id}/stats show these. Delivered and read
// count only recipients that are sent — one whose SMS was reported undelivered, or whose email
// bounced, is failed and never "read" — so neither can exceed `sent`; opens counted without a
// person (tracking off) are opens, not people, and are never added to the reads.
import { sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { BroadcastStats, ChannelCounts } from './broadcast.schema';

export type CountsRow = {
  channel: 'email' | 'sms';
  recipients: number;
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  cancelled: number;
  read_human: number;
  read_machine: number;
  opens_human: number;
  opens_machine: number;
};

/** The counting columns, shared with the per-period statistics. */
export const COUNTS = sql`
  count(*)::int as recipients,
  count(*) filter (where r.status = 'pending')::int as pending,
  count(*) filter (where r.status = 'sent')::int as sent,
  count(*) filter (where r.status = 'sent' and r.delivered_at is not null)::int as delivered,
  count(*) filter (where r.status = 'failed')::int as failed,
  count(*) filter (where r.status = 'skipped')::int as skipped,
  count(*) filter (where r.status = 'cancelled')::int as cancelled,
  count(*) filter (where r.status = 'sent' and r.read_at is not null)::int as read_human,
  count(*) filter (where r.status = 'sent' and r.machine_opens > 0)::int as read_machine,
  coalesce(sum(r.human_opens), 0)::int as opens_human,
  coalesce(sum(r.machine_opens), 0)::int as opens_machine`;

export function emptyCounts(): ChannelCounts {
  return {
    recipients: 0,
    pending: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    readHuman: 0,
    readMachine: 0,
    opensHuman: 0,
    opensMachine: 0,
  };
}

export function toCounts(row: CountsRow | undefined): ChannelCounts {
  if (!row) return emptyCounts();
  return {
    recipients: row.recipients,
    pending: row.pending,
    sent: row.sent,
    delivered: row.delivered,
    failed: row.failed,
    skipped: row.skipped,
    cancelled: row.cancelled,
    readHuman: row.read_human,
    readMachine: row.read_machine,
    opensHuman: row.opens_human,
    opensMachine: row.opens_machine,
  };
}

export async function getBroadcastStats(db: DbOrTx, ctx: OrgContext, id: string): Promise<BroadcastStats> {
  const b = firstOr404(
    await db
      .select({ id: broadcasts.id, humanOpens: broadcasts.humanOpens, machineOpens: broadcasts.machineOpens })
      .from(broadcasts)
      .where(byIdInOrg(broadcasts, id, ctx)),
    'Message',
  );
  const rows = await db.execute<CountsRow>(sql`
    select r.channel, ${COUNTS} from broadcast_recipients r
    where r.org_id = ${ctx.orgId} and r.broadcast_id = ${b.id} group by r.channel`);
  const email = toCounts(rows.find((r) => r.channel === 'email'));
  email.opensHuman += b.humanOpens;
  email.opensMachine += b.machineOpens;
  return { email, sms: toCounts(rows.find((r) => r.channel === 'sms')) };
}
