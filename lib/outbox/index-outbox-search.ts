// Fills outbox_search with the folded text of the messages created since its watermark, in batches,
// and moves the watermark on — off the enqueue path (drizzle/0037_outbox-search-backfill.sql says
// why). Run by every worker every few seconds (worker/jobs/outbox-search-index.ts); one at a time
// across processes (an advisory lock). Searches stay complete meanwhile: lib/db/search-text.ts (outboxMessageMatches)
// matches the messages at or after the watermark directly.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { searchText } from '../db/search-text';

/** pg_try_advisory_xact_lock key: "outbox search" (any constant the app uses nowhere else). */
const LOCK_KEY = 0x6f_75_74_73;

/** How many messages it indexed; 0 when another process has the turn. */
export async function indexOutboxSearch(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const indexed = await db.transaction(async (tx) => {
      const [turn] = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`,
      );
      if (!turn?.ok) return null;
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
      if (!state) return null;
      // One hour of messages a turn at most (a backlog after the worker was down goes in bounded
      // steps), found per organisation through the (org_id, created_at) index of the list.
      const [step] = await tx.execute<{ until: string; last: boolean }>(sql`
        select least(${state.horizon}::timestamptz, ${state.since}::timestamptz + interval '1 hour')::text as until,
               ${state.since}::timestamptz + interval '1 hour' >= ${state.horizon}::timestamptz as last`);
      const [stored] = await tx.execute<{ n: number }>(sql`
        with batch as (
          select m.id, m.org_id, m.document
          from organizations o
          cross join lateral (
            select outbox_messages.id, outbox_messages.org_id, ${searchText.outboxMessage()} as document
            from outbox_messages
            where outbox_messages.org_id = o.id
              and outbox_messages.created_at >= ${state.since}::timestamptz
              and outbox_messages.created_at < ${step!.until}::timestamptz
              and not exists (select 1 from outbox_search s where s.message_id = outbox_messages.id)
          ) m
        ), stored as (
          insert into outbox_search (message_id, org_id, document)
          select id, org_id, document from batch
          on conflict (message_id) do nothing
          returning 1
        )
        select count(*)::int as n from stored`);
      await tx.execute(
        sql`update outbox_search_state set indexed_before = greatest(indexed_before, ${step!.until}::timestamptz)`,
      );
      return { n: stored?.n ?? 0, last: step!.last };
    });
    if (indexed === null) return total;
    total += indexed.n;
    if (indexed.last) return total;
  }
}
