// The second half of sending a batch, in one transaction: each attempt's outcome is recorded; a
// sent or permanently refused message reaches its final status (and onMessageSettled hears of it);
// a temporary failure waits for its next attempt (exponential backoff) or fails after the last one;
// a daily-quota answer pauses the account until tomorrow and puts its messages back, uncounted; a
// server that could not be reached pauses the account a while (30 s, doubling to 10 min) and puts
// its messages back uncounted too, to wait for it up to their expiry.
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, DbOrTx } from '../db/client';
import type { MessageStatus } from '../db/schema/outbox';
import { env } from '../env';
import { log } from '../log';
import type { ClassifiedSendError } from '../mail/classify-send-error';
import type { SendResult } from '../mail/transports/transport';
import { announceSettled, settledColumns, settledFromSql } from './announce-settled';
import type { ClaimedMessage } from './claim-due-messages';
import { insertSendJobs } from './insert-send-jobs';
import { retryDelaySeconds } from './retry-delay';
import type { SendLease } from './send-lease';
import { uuidArray } from './uuid-array';

export type SendOutcome =
  | { kind: 'sent'; result: SendResult }
  | { kind: 'failed'; error: ClassifiedSendError }
  /** Never handed to the transport (worker stopping, or the account got paused meanwhile). */
  | { kind: 'released' }
  /** Not to be sent at all (an SMS to a number that replied STOP): cancelled with the reason. */
  | { kind: 'skipped'; reason: string };

type Plan = {
  id: string;
  status: 'sent' | 'failed' | 'queued' | 'cancelled';
  attempts_delta: number;
  last_error: string | null;
  provider_message_id: string | null;
  delay: number | null;
  next_at: string | null;
  /** Waiting for an unreachable server: the message gets an expiry if it had none. */
  hold: boolean;
};

type AttemptUpdate = {
  message_id: string;
  number: number;
  outcome: string;
  smtp_code: number | null;
  response: string | null;
  error: string | null;
  provider_message_id: string | null;
};

export type SettledSummary = { sent: number; failed: number; retried: number; released: number };

/** How long between two tries of a settle the database did not take (doubling up to the last). */
const SETTLE_RETRY_MS = [100, 200, 400, 800, 1600, 2000];

export async function settleAttempts(
  db: Db,
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
  options: { boss: PgBoss; workerId: string; lease?: SendLease },
): Promise<SettledSummary> {
  // Without a lease to renew, a few tries (about 6 s) as before.
  const deadline = options.lease?.deadline ?? (() => startedAt + 6_000);
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await settleOnce(db, messages, outcomes, options);
    } catch (error) {
      // These outcomes are known (some messages went out): losing them would send them again after
      // the lease. So the write is tried again for as long as no other worker may take the rows,
      // the lease renewed first each time (the renewal is the probe that the database is back).
      const wait = SETTLE_RETRY_MS[Math.min(attempt, SETTLE_RETRY_MS.length) - 1]!;
      if (Date.now() + wait >= deadline()) throw error;
      log.warn({ err: error, attempt, messages: messages.length }, 'settling a batch failed; retrying');
      await new Promise((r) => setTimeout(r, wait));
      await options.lease?.renew().catch(() => {});
    }
  }
}

async function settleOnce(
  db: Db,
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
  options: { boss: PgBoss; workerId: string },
): Promise<SettledSummary> {
  return db.transaction(async (tx) => {
    const pausedUntil = await pauseSenders(tx, messages, outcomes);
    await markReachable(tx, messages, outcomes);
    const { plans, attemptUpdates, releasedAttempts, skippedAttempts } = planOutcomes(
      messages,
      outcomes,
      pausedUntil,
    );
    const updated = await applyPlans(tx, plans, options.workerId);
    await recordAttempts(tx, attemptUpdates, [...releasedAttempts, ...skippedAttempts]);
    await announceSettled(tx, updated);
    const requeued = updated.filter((r) => r.status === 'queued');
    await insertSendJobs(
      tx,
      options.boss,
      requeued.map((r) => ({ id: r.id, queue: r.queue, startAfter: r.nextAttemptAt })),
    );
    const count = (s: MessageStatus) => updated.filter((r) => r.status === s).length;
    return {
      sent: count('sent'),
      failed: count('failed'),
      retried: requeued.length - releasedAttempts.length,
      released: releasedAttempts.length,
    };
  });
}

type Pause = { until: Date; kind: 'quota' | 'unreachable' };

/**
 * A daily-quota answer pauses its account until the next day (UTC); an unreachable server pauses it
 * for as long as it has been unreachable (at least the minimum, at most the maximum: the pause
 * doubles while the outage lasts). Returns each pause's end.
 */
async function pauseSenders(
  tx: DbOrTx,
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
): Promise<Map<string, Pause>> {
  const reasons = new Map<string, { kind: 'quota' | 'unreachable'; message: string }>();
  for (const m of messages) {
    const o = outcomes.get(m.id);
    if (o?.kind !== 'failed') continue;
    const { kind, message } = o.error;
    // A quota answer outweighs an unreachable one: it is the longer pause.
    if (kind === 'quota' || (kind === 'unreachable' && !reasons.has(m.senderId)))
      reasons.set(m.senderId, { kind, message });
  }
  const pausedUntil = new Map<string, Pause>();
  for (const [senderId, reason] of reasons) {
    const [row] = await (reason.kind === 'quota'
      ? pauseForQuota(tx, senderId, reason.message)
      : pauseUnreachable(tx, senderId, reason.message));
    if (row) pausedUntil.set(senderId, { until: new Date(row.paused_until), kind: reason.kind });
    log.warn(
      { senderId, pausedUntil: row?.paused_until, reason: reason.message },
      reason.kind === 'quota'
        ? 'sender account paused: daily quota reached'
        : 'sender account paused: server unreachable',
    );
  }
  return pausedUntil;
}

// updated_at is left alone by both: it versions the pooled connections.
function pauseForQuota(tx: DbOrTx, senderId: string, reason: string) {
  return tx.execute<{ paused_until: Date }>(sql`
    update sender_accounts
    set paused_until = greatest(coalesce(paused_until, now()), date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' + interval '1 day'),
        pause_reason = ${reason}
    where id = ${senderId}
    returning paused_until
  `);
}

function pauseUnreachable(tx: DbOrTx, senderId: string, reason: string) {
  const { MAILROOM_UNREACHABLE_PAUSE_MIN_SECONDS: min, MAILROOM_UNREACHABLE_PAUSE_MAX_SECONDS: max } = env();
  // A longer pause already there (a quota one, or another worker's) is kept, with its reason.
  return tx.execute<{ paused_until: Date }>(sql`
    update sender_accounts s
    set unreachable_since = coalesce(s.unreachable_since, now()),
        paused_until = greatest(s.paused_until, v.until),
        pause_reason = case when s.paused_until > v.until then s.pause_reason else ${reason} end
    from (
      select now() + make_interval(secs => least(${max}::float8, greatest(${min}::float8,
        extract(epoch from now() - coalesce(unreachable_since, now()))::float8))) as until
      from sender_accounts where id = ${senderId}
    ) v
    where s.id = ${senderId}
    returning s.paused_until
  `);
}

/** A message that went out proves its account's server is back. */
async function markReachable(tx: DbOrTx, messages: ClaimedMessage[], outcomes: Map<string, SendOutcome>) {
  const senderIds = [
    ...new Set(messages.filter((m) => outcomes.get(m.id)?.kind === 'sent').map((m) => m.senderId)),
  ];
  if (senderIds.length === 0) return;
  await tx.execute(sql`
    update sender_accounts set unreachable_since = null
    where id = any(${uuidArray(senderIds)}) and unreachable_since is not null
  `);
}

/** What each outcome means for its message and its attempt (no database work). */
function planOutcomes(
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
  pausedUntil: Map<string, Pause>,
) {
  const plans: Plan[] = [];
  const attemptUpdates: AttemptUpdate[] = [];
  const releasedAttempts: { message_id: string; number: number }[] = [];
  const skippedAttempts: { message_id: string; number: number }[] = [];
  for (const m of messages) {
    const o = outcomes.get(m.id) ?? { kind: 'released' as const };
    if (o.kind === 'sent') {
      const refused = o.result.rejected.map((r) => `${r.address} (${r.response})`).join('; ');
      plans.push(plan(m.id, 'sent', { provider_message_id: o.result.providerMessageId }));
      attemptUpdates.push({
        message_id: m.id,
        number: m.attemptNumber,
        outcome: 'sent',
        smtp_code: Number(/^\d{3}/.exec(o.result.response)?.[0]) || null,
        response: refused ? `${o.result.response} — refused recipients: ${refused}` : o.result.response,
        error: null,
        provider_message_id: o.result.providerMessageId,
      });
      continue;
    }
    if (o.kind === 'skipped') {
      // Nothing was handed over: the attempt row goes, the message ends with why.
      plans.push(plan(m.id, 'cancelled', { attempts_delta: -1, last_error: o.reason }));
      skippedAttempts.push({ message_id: m.id, number: m.attemptNumber });
      continue;
    }
    if (o.kind === 'released') {
      const pause = pausedUntil.get(m.senderId);
      plans.push(
        plan(m.id, 'queued', {
          attempts_delta: -1,
          last_error: m.lastError,
          ...(pause ? { next_at: spread(pause.until), hold: pause.kind === 'unreachable' } : { delay: 0 }),
        }),
      );
      releasedAttempts.push({ message_id: m.id, number: m.attemptNumber });
      continue;
    }
    const e = o.error;
    if (e.kind === 'unreachable') {
      // Nothing was handed over: no attempt is spent, the message waits for the account.
      const pause = pausedUntil.get(m.senderId)!;
      plans.push(
        plan(m.id, 'queued', {
          attempts_delta: -1,
          last_error: e.message,
          next_at: spread(pause.until),
          hold: pause.kind === 'unreachable',
        }),
      );
      releasedAttempts.push({ message_id: m.id, number: m.attemptNumber });
      continue;
    }
    attemptUpdates.push({
      message_id: m.id,
      number: m.attemptNumber,
      outcome:
        e.kind === 'quota'
          ? 'quota_exceeded'
          : e.kind === 'permanent'
            ? 'permanent_failure'
            : 'temporary_failure',
      smtp_code: e.code,
      response: e.response,
      error: e.message,
      provider_message_id: null,
    });
    if (e.kind === 'quota') {
      const pause = pausedUntil.get(m.senderId)!;
      plans.push(
        plan(m.id, 'queued', { attempts_delta: -1, last_error: e.message, next_at: spread(pause.until) }),
      );
    } else if (e.kind === 'permanent') {
      plans.push(plan(m.id, 'failed', { last_error: e.message }));
    } else if (m.attempts >= m.maxAttempts) {
      plans.push(
        plan(m.id, 'failed', {
          last_error: `Gave up after ${m.attempts} attempt${m.attempts === 1 ? '' : 's'}: ${e.message}`,
        }),
      );
    } else {
      // A provider's Retry-After is honoured when it asks for longer than our backoff.
      const delay = Math.max(retryDelaySeconds(m.attempts), e.retryAfterSeconds ?? 0);
      plans.push(plan(m.id, 'queued', { last_error: e.message, delay }));
    }
  }
  return { plans, attemptUpdates, releasedAttempts, skippedAttempts };
}

/**
 * The messages' new states, in one statement; only rows this worker still holds move (or any row
 * that did go out: a message recovered after a lost lease that was sent after all is recorded sent).
 */
async function applyPlans(tx: DbOrTx, plans: Plan[], workerId: string) {
  return (
    await tx.execute(sql`
      update outbox_messages m set
        status = v.status::message_status,
        attempts = m.attempts + v.attempts_delta,
        last_error = case when v.status = 'sent' then null else v.last_error end,
        provider_message_id = coalesce(v.provider_message_id, m.provider_message_id),
        sent_at = case when v.status = 'sent' then now() else m.sent_at end,
        finished_at = case when v.status in ('sent', 'failed', 'cancelled') then now() else null end,
        next_attempt_at = case when v.status = 'queued'
          then coalesce(v.next_at, now() + make_interval(secs => coalesce(v.delay, 0))) else null end,
        expires_at = case when v.hold
          then coalesce(m.expires_at, m.created_at + make_interval(secs => ${holdSeconds()})) else m.expires_at end,
        locked_until = null,
        locked_by = null,
        updated_at = now()
      from json_to_recordset(${JSON.stringify(plans)}::json) as v(
        id uuid, status text, attempts_delta int, last_error text, provider_message_id text,
        delay float8, next_at timestamptz, hold boolean
      )
      where m.id = v.id and (
        (m.status = 'sending' and m.locked_by = ${workerId})
        or (v.status = 'sent' and m.status in ('queued', 'sending'))
      )
      returning ${settledColumns('m')}
    `)
  ).map(settledFromSql);
}

/** Each attempt's answer; an attempt never handed to the transport (released) is removed. */
async function recordAttempts(
  tx: DbOrTx,
  updates: AttemptUpdate[],
  released: { message_id: string; number: number }[],
): Promise<void> {
  if (updates.length) {
    await tx.execute(sql`
      update outbox_message_attempts a set
        outcome = v.outcome::attempt_outcome,
        finished_at = clock_timestamp(),
        smtp_code = v.smtp_code,
        response = v.response,
        error = v.error,
        provider_message_id = v.provider_message_id
      from json_to_recordset(${JSON.stringify(updates)}::json) as v(
        message_id uuid, number int, outcome text, smtp_code int, response text, error text,
        provider_message_id text
      )
      where a.message_id = v.message_id and a.number = v.number
    `);
  }
  if (released.length) {
    await tx.execute(sql`
      delete from outbox_message_attempts a
      using json_to_recordset(${JSON.stringify(released)}::json) as v(message_id uuid, number int)
      where a.message_id = v.message_id and a.number = v.number
    `);
  }
}

function plan(id: string, status: Plan['status'], fields: Partial<Plan> = {}): Plan {
  return {
    id,
    status,
    attempts_delta: 0,
    last_error: null,
    provider_message_id: null,
    delay: null,
    next_at: null,
    hold: false,
    ...fields,
  };
}

/**
 * The end of a pause, plus up to a minute (a quarter of a short pause), so an account's messages
 * do not all wake at once.
 */
function spread(until: Date): string {
  const jitter = Math.min(60_000, Math.max(0, until.getTime() - Date.now()) / 4);
  return new Date(until.getTime() + Math.random() * jitter).toISOString();
}

/** How long a message waits for its account at most, counted from when it was enqueued. */
function holdSeconds(): number {
  return env().MAILROOM_SCHEDULED_EXPIRY_HOURS * 3600;
}
