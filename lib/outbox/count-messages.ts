// Counts by queue and status across the outbox (one organisation, or all), for `queue:status`.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema/outbox';

export async function countMessages(db: DbOrTx, orgId?: string) {
  const [counts, due] = await Promise.all([
    db
      .select({
        queue: outboxMessages.queue,
        status: outboxMessages.status,
        count: sql<number>`count(*)::int`,
      })
      .from(outboxMessages)
      .where(orgId ? eq(outboxMessages.orgId, orgId) : undefined)
      .groupBy(outboxMessages.queue, outboxMessages.status)
      .orderBy(outboxMessages.queue, outboxMessages.status),
    db.execute<{ due: number; stale: number }>(sql`
      select
        count(*) filter (where status in ('scheduled', 'queued') and send_at <= now()
          and coalesce(next_attempt_at, send_at) <= now())::int as due,
        count(*) filter (where status = 'sending' and locked_until < now())::int as stale
      from outbox_messages ${orgId ? sql`where org_id = ${orgId}` : sql``}
    `),
  ]);
  return { counts, due: due[0]?.due ?? 0, stale: due[0]?.stale ?? 0 };
}
