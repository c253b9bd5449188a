// Fills outbox_search with the folded text of the messages created since its watermark, in batches,
// and moves the watermark on — off the enqueue path (drizzle/0037_outbox-search-backfill.sql says
// why). Run by every worker every few seconds (worker/jobs/outbox-search-index.ts); one at a time
// across processes (an advisory lock). Searches stay complete meanwhile: lib/outbox/search-outbox.ts
// matches the messages at or after the watermark directly.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { searchText } from '../db/search-text';

/** Messages indexed per statement: a bounded transaction however large the backlog. */
const BATCH = 5000;
/** pg_try_advisory_xact_lock key: "outbox search" (any constant the app uses nowhere else). */
const LOCK_KEY = 0x6f_75_74_73;

/** Returns how many messages it indexed; 0 when another process holds the turn. */
export async function indexOutboxSearch(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const indexed = await db.transaction(async (tx) => {
      const [turn] = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`,
      );
      if (!turn?.ok) return -1;
      // The horizon: no client transaction still running began before it (autovacuum and the like
      // write no messages), so every message created earlier is committed (or gone) and visible to
      // the next statement's snapshot. Messages take created_at = now(), their transaction's start.
      // Times travel as text: a Date would lose the microseconds.
      const [state] = await tx.execute<{ since: string; horizon: string }>(sql`
        select s.indexed_before::text as since,
               least(statement_timestamp(), (select min(xact_start) from pg_stat_activity
                                             where datname = current_database() and backend_type = 'client backend'
                                               and pid <> pg_backend_pid()))::text as horizon
        from outbox_search_state s for update`);
      if (!state) return -1;
      const rows = await tx.execute<{ created_at: string; n: number }>(sql`
        with batch as (
          select outbox_messages.id, outbox_messages.org_id, ${searchText.outboxMessage()} as document,
                 outbox_messages.created_at
          from outbox_messages
          where outbox_messages.created_at >= ${state.since}::timestamptz
            and outbox_messages.created_at < ${state.horizon}::timestamptz
            and not exists (select 1 from outbox_search s where s.message_id = outbox_messages.id)
          order by outbox_messages.created_at
          limit ${BATCH}
        ), stored as (
          insert into outbox_search (message_id, org_id, document)
          select id, org_id, document from batch
          on conflict (message_id) do nothing
        )
        select max(created_at)::text as created_at, count(*)::int as n from batch`);
      const n = rows[0]?.n ?? 0;
      // Everything before the batch's last time is in (ordered by created_at); a full batch may have
      // left rows of that very time, so the watermark stops there and the next turn goes on.
      const next = n < BATCH ? state.horizon : rows[0]!.created_at;
      await tx.execute(
        sql`update outbox_search_state set indexed_before = greatest(indexed_before, ${next}::timestamptz)`,
      );
      return n;
    });
    if (indexed < 0) return total;
    total += indexed;
    if (indexed < BATCH) return total;
  }
}
