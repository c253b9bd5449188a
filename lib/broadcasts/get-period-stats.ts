// Statistics per day of a period (days in the organisation's zone, by when messages were expanded),
// by channel, with the period's totals: the same counts as one message's (get-broadcast-stats.ts).
import { eq, sql } from 'drizzle-orm';
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { organizations } from '../db/schema/orgs';
import type { PeriodStats } from './broadcast.schema';
import { COUNTS, type CountsRow, emptyCounts, toCounts } from './get-broadcast-stats';

const DAY = 86_400_000;

export async function getPeriodStats(
  db: DbOrTx,
  ctx: OrgContext,
  query: { from?: string; to?: string },
  now = new Date(),
): Promise<PeriodStats> {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const timeZone = org?.timeZone ?? 'UTC';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  const to = query.to ?? today;
  const from = query.from ?? new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  if (!(days >= 1 && days <= 366)) {
    throw badRequest('from must be before to, at most 366 days apart.', [
      { path: 'from', message: 'must be before to, at most 366 days apart' },
    ]);
  }
  const local = sql`(b.expanded_at at time zone ${timeZone})::date`;
  const rows = await db.execute<CountsRow & { day: string }>(sql`
    select to_char(${local}, 'YYYY-MM-DD') as day, r.channel, ${COUNTS}
    from broadcasts b join broadcast_recipients r on r.broadcast_id = b.id
    where b.org_id = ${ctx.orgId} and b.expanded_at is not null
      and ${local} between ${from}::date and ${to}::date
    group by 1, 2`);
  const opens = await db.execute<{ day: string; human: number; machine: number; messages: number }>(sql`
    select to_char(${local}, 'YYYY-MM-DD') as day, sum(b.human_opens)::int as human,
           sum(b.machine_opens)::int as machine, count(*)::int as messages
    from broadcasts b
    where b.org_id = ${ctx.orgId} and b.expanded_at is not null and ${local} between ${from}::date and ${to}::date
    group by 1`);
  const out: PeriodStats['days'] = [];
  const totals = { email: emptyCounts(), sms: emptyCounts() };
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.parse(from) + i * DAY).toISOString().slice(0, 10);
    const email = toCounts(rows.find((r) => r.day === day && r.channel === 'email'));
    const sms = toCounts(rows.find((r) => r.day === day && r.channel === 'sms'));
    const o = opens.find((x) => x.day === day);
    email.opensHuman += o?.human ?? 0;
    email.opensMachine += o?.machine ?? 0;
    for (const [channel, counts] of [
      ['email', email],
      ['sms', sms],
    ] as const) {
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) totals[channel][k] += counts[k];
    }
    out.push({ day, email, sms });
  }
  return {
    from,
    to,
    timeZone,
    messages: opens.reduce((n, o) => n + o.messages, 0),
    totals,
    days: out,
  };
}
