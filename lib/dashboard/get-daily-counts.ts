// Messages per day in the viewer's time zone, for the dashboard chart: sent and failed by the day
// they ended, queued by the day they were put in the outbox.
import { sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';

export type DailyCount = { date: string; sent: number; failed: number; queued: number };

export async function getDailyCounts(
  db: DbOrTx,
  ctx: OrgContext,
  options: { days: number; timeZone: string },
): Promise<DailyCount[]> {
  const { days, timeZone } = options;
  const rows = await db.execute<DailyCount>(sql`
    with d as (
      select generate_series(
        (now() at time zone ${timeZone})::date - ${days - 1}::int,
        (now() at time zone ${timeZone})::date, interval '1 day'
      )::date as date
    ),
    m as (
      select status, created_at, finished_at from outbox_messages
      where org_id = ${ctx.orgId}
        and (created_at >= ((now() at time zone ${timeZone})::date - ${days - 1}::int)::timestamp at time zone ${timeZone}
          or finished_at >= ((now() at time zone ${timeZone})::date - ${days - 1}::int)::timestamp at time zone ${timeZone})
    )
    select to_char(d.date, 'YYYY-MM-DD') as date,
      count(*) filter (where m.status = 'sent' and (m.finished_at at time zone ${timeZone})::date = d.date)::int as sent,
      count(*) filter (where m.status = 'failed' and (m.finished_at at time zone ${timeZone})::date = d.date)::int as failed,
      count(*) filter (where (m.created_at at time zone ${timeZone})::date = d.date)::int as queued
    from d left join m on true
    group by d.date order by d.date
  `);
  return [...rows];
}
