// Per-account sending limits, held across every worker process: the account's row is locked for
// the rest of the claiming transaction, and the attempts already started in the last minute / day
// (outbox_message_attempts, written in that same transaction) are counted. A sliding window, so
// "30 a minute" is never 60 in a minute that straddles a boundary.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { SenderAccount } from '../db/schema/outbox';

export type Reservation = {
  /** How many of the wanted messages may start now. */
  granted: number;
  /** Seconds from now at which the n-th message that did not fit (0-based) should try again. */
  retryIn: (n: number) => number;
};

export async function reserveSendSlots(
  tx: DbOrTx,
  sender: SenderAccount,
  wanted: number,
): Promise<Reservation> {
  const paused = sender.pausedUntil && sender.pausedUntil.getTime() > Date.now();
  const perMinute = sender.ratePerMinute;
  const perDay = sender.ratePerDay;
  if (!perMinute && !perDay && !paused) return { granted: wanted, retryIn: () => 0 };

  // Serialises every claim for this account, in every process, until this transaction ends. Its own
  // statement: the count below must take its snapshot after the lock is granted, or it would miss
  // the attempts of the claim that held the lock (READ COMMITTED snapshots are per statement).
  await tx.execute(sql`select 1 from sender_accounts where id = ${sender.id} for update`);
  const [state] = await tx.execute<{
    paused_for: number | null;
    minute_count: number;
    day_count: number;
    minute_free_in: number | null;
    day_free_in: number | null;
  }>(sql`
    with s as (
      select paused_until from sender_accounts where id = ${sender.id}
    ), a as (
      select started_at from outbox_message_attempts
      where sender_id = ${sender.id}
        and started_at > clock_timestamp() - ${perDay ? sql`interval '1 day'` : sql`interval '1 minute'`}
    )
    select
      (select extract(epoch from paused_until - clock_timestamp())::float8 from s
        where paused_until > clock_timestamp()) as paused_for,
      (select count(*)::int from a where started_at > clock_timestamp() - interval '1 minute') as minute_count,
      (select count(*)::int from a) as day_count,
      (select extract(epoch from min(started_at) + interval '1 minute' - clock_timestamp())::float8 from a
        where started_at > clock_timestamp() - interval '1 minute') as minute_free_in,
      (select extract(epoch from min(started_at) + interval '1 day' - clock_timestamp())::float8 from a) as day_free_in
  `);
  if (!state) return { granted: wanted, retryIn: () => 0 };

  const jitter = () => Math.random() * 2;
  if (state.paused_for !== null && state.paused_for > 0) {
    // A pause (quota, unreachable server): everything waits until it ends, spread over days if a
    // daily limit applies, and over up to a minute (a quarter of a short pause) so not all at once.
    const pausedFor = state.paused_for;
    const spread = Math.min(60, pausedFor / 4);
    return {
      granted: 0,
      retryIn: (n) => pausedFor + (perDay ? Math.floor(n / perDay) * 86_400 : 0) + Math.random() * spread,
    };
  }

  const minuteLeft = perMinute ? Math.max(0, perMinute - state.minute_count) : Number.POSITIVE_INFINITY;
  const dayLeft = perDay ? Math.max(0, perDay - state.day_count) : Number.POSITIVE_INFINITY;
  const granted = Math.min(wanted, minuteLeft, dayLeft);
  const dayFull = perDay !== null && dayLeft <= granted;
  return {
    granted,
    retryIn: (n) => {
      if (dayFull && perDay) {
        return Math.max(1, state.day_free_in ?? 86_400) + Math.floor(n / perDay) * 86_400 + jitter();
      }
      const per = perMinute ?? 1;
      return Math.max(1, state.minute_free_in ?? 60) + Math.floor(n / per) * 60 + jitter();
    },
  };
}
