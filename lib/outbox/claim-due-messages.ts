// The first half of sending a batch, in one transaction: messages past their expiry become
// `expired`; the due ones are checked against the suppression list again (withdraw-suppressed.ts),
// then against their account's pause and rate limits (what does not fit waits, with a job for
// later); the rest move to `sending` under this worker's lease, each with an attempt row; and a
// check is booked for when the lease runs out, in case this worker dies.
import { and, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, DbOrTx } from '../db/client';
import { outboxMessages, type SenderAccount, senderAccounts } from '../db/schema/outbox';
import { sqlRowMapper } from '../db/sql-row';
import { announceSettled } from './announce-settled';
import { insertLeaseCheck, insertSendJobs } from './insert-send-jobs';
import { reserveSendSlots } from './reserve-send-slots';
import { uuidArray } from './uuid-array';
import { withdrawForOrigins } from './withdraw-for-origins';
import { withdrawSuppressed } from './withdraw-suppressed';

/** What sending and settling need of a claimed message (not the whole row: less to parse). */
const claimedRow = sqlRowMapper(outboxMessages, [
  'id',
  'orgId',
  'channel',
  'senderId',
  'originKind',
  'originId',
  'queue',
  'fromAddress',
  'fromName',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'text',
  'html',
  'headers',
  'messageId',
  'attempts',
  'maxAttempts',
  'lastError',
  'attachmentCount',
  'attachmentBytes',
]);
export type ClaimedMessage = ReturnType<typeof claimedRow.map> & { attemptNumber: number };

export type Claim = {
  messages: ClaimedMessage[];
  senders: Map<string, SenderAccount>;
  expired: number;
  deferred: number;
};

/** Text and HTML a batch may hold at once (attachments are read one message at a time). */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

export async function claimDueMessages(
  db: Db,
  messageIds: string[],
  options: { boss: PgBoss; workerId: string; leaseSeconds: number },
): Promise<Claim> {
  const ids = [...new Set(messageIds)];
  return db.transaction(async (tx) => {
    const waiting = await readWaiting(tx, ids);
    const expired = await expireOverdue(
      tx,
      waiting.filter((w) => w.expired).map((w) => w.id),
    );
    const fitting = await takeWhatFits(tx, options.boss, waiting);
    const suppressed = await withdrawSuppressed(
      tx,
      fitting.map((w) => w.id),
    );
    const withdrawn = await withdrawForOrigins(
      tx,
      fitting.filter((w) => !suppressed.has(w.id)).map((w) => w.id),
    );
    const due = fitting.filter((w) => !suppressed.has(w.id) && !withdrawn.has(w.id));
    if (due.length === 0) return { messages: [], senders: new Map(), expired, deferred: 0 };
    const senders = await loadSenders(tx, due);
    const { granted, deferrals } = await reserveRates(tx, senders, due);
    const deferred = await deferForRate(tx, options.boss, deferrals);
    if (granted.length === 0) return { messages: [], senders, expired, deferred };
    const messages = await claimRows(tx, granted, options);
    if (messages.length) await insertLeaseCheck(tx, options.boss, options.workerId, options.leaseSeconds);
    return { messages, senders, expired, deferred };
  });
}

type Waiting = {
  id: string;
  sender_id: string;
  queue: ClaimedMessage['queue'];
  expired: boolean;
  due: boolean;
  bytes: number;
};

/** The waiting ones among them, and what each needs (one second of slack between clocks). */
function readWaiting(tx: DbOrTx, ids: string[]) {
  return tx.execute<Waiting>(sql`
    select id, sender_id, queue, coalesce(expires_at < now(), false) as expired,
      send_at <= now() + interval '1 second'
        and (next_attempt_at is null or next_attempt_at <= now() + interval '1 second') as due,
      coalesce(octet_length(text), 0) + coalesce(octet_length(html), 0) as bytes
    from outbox_messages
    where id = any(${uuidArray(ids)}) and status in ('scheduled', 'queued')
    order by created_at, id
  `);
}

/** Messages past their expiry become `expired` (and their origins hear of it). */
async function expireOverdue(tx: DbOrTx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .update(outboxMessages)
    .set({
      status: 'expired',
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      nextAttemptAt: null,
      lastError: sql`'Not sent before it expired at ' || to_char(${outboxMessages.expiresAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'`,
    })
    .where(
      and(
        sql`${outboxMessages.id} = any(${uuidArray(ids)})`,
        sql`${outboxMessages.status} in ('scheduled', 'queued')`,
      ),
    )
    .returning();
  await announceSettled(tx, rows);
  return rows.length;
}

/**
 * The due ones whose bodies fit in MAX_BATCH_BYTES (held in memory while the batch is out); the
 * rest goes back to the queue at once (a new job) instead of waiting for this batch.
 */
async function takeWhatFits(tx: DbOrTx, boss: PgBoss, waiting: Waiting[]): Promise<Waiting[]> {
  const due: Waiting[] = [];
  const later: Waiting[] = [];
  let bytes = 0;
  for (const w of waiting) {
    if (!w.due || w.expired) continue;
    bytes += w.bytes;
    (due.length === 0 || bytes <= MAX_BATCH_BYTES ? due : later).push(w);
  }
  if (later.length)
    await insertSendJobs(
      tx,
      boss,
      later.map((w) => ({ id: w.id, queue: w.queue })),
    );
  return due;
}

async function loadSenders(tx: DbOrTx, due: Waiting[]): Promise<Map<string, SenderAccount>> {
  const senderIds = [...new Set(due.map((d) => d.sender_id))];
  const rows = await tx
    .select()
    .from(senderAccounts)
    .where(sql`${senderAccounts.id} = any(${uuidArray(senderIds)})`);
  return new Map(rows.map((s) => [s.id, s]));
}

/**
 * Each account's pause and rate limits: what fits is granted, the rest deferred. Accounts in a
 * fixed order, so two workers reserving for the same two never deadlock.
 */
async function reserveRates(tx: DbOrTx, senders: Map<string, SenderAccount>, due: Waiting[]) {
  const granted: string[] = [];
  const deferrals: { id: string; delay: number }[] = [];
  for (const senderId of [...new Set(due.map((d) => d.sender_id))].sort()) {
    const mine = due.filter((d) => d.sender_id === senderId);
    const reservation = await reserveSendSlots(tx, senders.get(senderId)!, mine.length);
    mine.forEach((d, i) => {
      if (i < reservation.granted) granted.push(d.id);
      else deferrals.push({ id: d.id, delay: reservation.retryIn(i - reservation.granted) });
    });
  }
  return { granted, deferrals };
}

/** What did not fit waits, with a job for when its slot frees. */
async function deferForRate(
  tx: DbOrTx,
  boss: PgBoss,
  deferrals: { id: string; delay: number }[],
): Promise<number> {
  if (deferrals.length === 0) return 0;
  const rows = await tx.execute<{ id: string; queue: 'transactional' | 'bulk'; next_attempt_at: Date }>(sql`
    update outbox_messages m
    set next_attempt_at = now() + make_interval(secs => v.delay), updated_at = now()
    from json_to_recordset(${JSON.stringify(deferrals)}::json) as v(id uuid, delay float8)
    where m.id = v.id and m.status in ('scheduled', 'queued')
    returning m.id, m.queue, m.next_attempt_at
  `);
  await insertSendJobs(
    tx,
    boss,
    rows.map((r) => ({ id: r.id, queue: r.queue, startAfter: new Date(r.next_attempt_at) })),
  );
  return rows.length;
}

/**
 * The granted rows move to `sending` under this worker's lease, locked in id order (a row another
 * worker claimed meanwhile no longer matches), each with its attempt row — in one statement.
 */
async function claimRows(
  tx: DbOrTx,
  granted: string[],
  options: { workerId: string; leaseSeconds: number },
): Promise<ClaimedMessage[]> {
  const claimed = await tx.execute(sql`
    with claimed as (
      update outbox_messages set
        status = 'sending',
        attempts = attempts + 1,
        locked_by = ${options.workerId},
        locked_until = now() + make_interval(secs => ${options.leaseSeconds}),
        next_attempt_at = null,
        updated_at = now()
      where id in (
        select id from outbox_messages
        where id = any(${uuidArray(granted)}) and status in ('scheduled', 'queued')
        order by id for update
      )
      returning ${claimedRow.columns()}
    ), attempt as (
      insert into outbox_message_attempts (message_id, org_id, sender_id, number, worker_id, started_at)
      select c.id, c.org_id, c.sender_id,
        coalesce((select max(a.number) from outbox_message_attempts a where a.message_id = c.id), 0) + 1,
        ${options.workerId}, clock_timestamp()
      from claimed c
      returning message_id, number
    )
    select c.*, a.number as attempt_number from claimed c join attempt a on a.message_id = c.id
  `);
  const order = new Map(granted.map((id, i) => [id, i]));
  return claimed
    .map((c): ClaimedMessage => ({ ...claimedRow.map(c), attemptNumber: Number(c.attempt_number) }))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
