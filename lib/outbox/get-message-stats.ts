// Counts for the outbox page and GET /api/v1/messages/stats: every status now, and per day (UTC)
// how many messages were created, sent and failed.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type MessageStatus, messageStatusEnum, outboxMessages } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';
import type { statsView } from './message.schema';

export async function getMessageStats(
  db: DbOrTx,
  ctx: OrgContext,
  options: { days?: number } = {},
): Promise<z.infer<typeof statsView>> {
  const days = options.days ?? 30;
  const [byStatusRows, byDayRows] = await Promise.all([
    db
      .select({ status: outboxMessages.status, count: sql<number>`count(*)::int` })
      .from(outboxMessages)
      .where(inOrg(outboxMessages, ctx))
      .groupBy(outboxMessages.status),
    db.execute<{ date: string; created: number; sent: number; failed: number }>(sql`
      with d as (
        select generate_series(
          (now() at time zone 'UTC')::date - ${days - 1}::int, (now() at time zone 'UTC')::date, interval '1 day'
        )::date as date
      )
      select to_char(d.date, 'YYYY-MM-DD') as date,
        (select count(*)::int from outbox_messages m where m.org_id = ${ctx.orgId}
          and m.created_at >= d.date::timestamp at time zone 'UTC'
          and m.created_at < (d.date + 1)::timestamp at time zone 'UTC') as created,
        (select count(*)::int from outbox_messages m where m.org_id = ${ctx.orgId} and m.status = 'sent'
          and m.finished_at >= d.date::timestamp at time zone 'UTC'
          and m.finished_at < (d.date + 1)::timestamp at time zone 'UTC') as sent,
        (select count(*)::int from outbox_messages m where m.org_id = ${ctx.orgId} and m.status = 'failed'
          and m.finished_at >= d.date::timestamp at time zone 'UTC'
          and m.finished_at < (d.date + 1)::timestamp at time zone 'UTC') as failed
      from d order by d.date
    `),
  ]);
  const byStatus = Object.fromEntries(messageStatusEnum.enumValues.map((s) => [s, 0])) as Record<
    MessageStatus,
    number
  >;
  for (const r of byStatusRows) byStatus[r.status] = r.count;
  return { byStatus, byDay: [...byDayRows] };
}
