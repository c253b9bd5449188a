// Fixed-window counters in the rate_limits table. One statement per hit (an upsert), timed by the
// database's clock, so concurrent web processes agree on the count and the window.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tooManyRequests } from '../api/errors';
import type { DbOrTx } from '../db/client';
import type { RateLimitRule } from './rules';

export type RateLimitState = { hits: number; retryAfterSeconds: number };

const stateRow = z.object({ hits: z.coerce.number(), retry_after: z.coerce.number() });

function keyOf(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${subject}`;
}

/** Counts one attempt and says where the counter stands. */
export async function hitRateLimit(
  db: DbOrTx,
  rule: RateLimitRule,
  subject: string,
): Promise<RateLimitState> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const rows = await db.execute(sql`
    insert into rate_limits (key, window_start, hits) values (${keyOf(rule, subject)}, now(), 1)
    on conflict (key) do update set
      window_start = case when rate_limits.window_start <= now() - ${window} then now() else rate_limits.window_start end,
      hits = case when rate_limits.window_start <= now() - ${window} then 1 else rate_limits.hits + 1 end
    returning hits, ceil(extract(epoch from (window_start + ${window} - now()))) as retry_after`);
  const row = stateRow.parse(rows[0]);
  return { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
}

/** Where the counter stands, without counting (null: nothing counted in the current window). */
export async function peekRateLimit(
  db: DbOrTx,
  rule: RateLimitRule,
  subject: string,
): Promise<RateLimitState | null> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const rows = await db.execute(sql`
    select hits, ceil(extract(epoch from (window_start + ${window} - now()))) as retry_after
    from rate_limits where key = ${keyOf(rule, subject)} and window_start > now() - ${window}`);
  if (rows.length === 0) return null;
  const row = stateRow.parse(rows[0]);
  return { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
}

/** Counts one attempt; throws 429 (with Retry-After) when it is over the rule's limit. */
export async function consumeRateLimit(
  db: DbOrTx,
  rule: RateLimitRule,
  subject: string,
  message: (retryAfterSeconds: number) => string,
): Promise<void> {
  const state = await hitRateLimit(db, rule, subject);
  if (state.hits > rule.limit)
    throw tooManyRequests(message(state.retryAfterSeconds), state.retryAfterSeconds);
}

/** "in 7 minutes", "in 30 seconds": for messages people read. */
export function inHowLong(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
