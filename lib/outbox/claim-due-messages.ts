// The first half of sending a batch, in one transaction: messages past their expiry become
// `expired`; the due ones are checked against their account's pause and rate limits (what does not
// fit waits, with a job for later); the rest move to `sending` under this worker's lease, each with
// an attempt row; and a check is booked for when the lease runs out, in case this worker dies.
import { and, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { type OutboxMessage, outboxMessages, type SenderAccount, senderAccounts } from '../db/schema/outbox';
import { announceSettled } from './announce-settled';
import { insertLeaseCheck, insertSendJobs } from './insert-send-jobs';
import { reserveSendSlots } from './reserve-send-slots';
import { uuidArray } from './uuid-array';

/** What sending and settling need of a claimed message (not the whole row: less to parse). */
export type ClaimedMessage = Pick<
  OutboxMessage,
  | 'id'
  | 'orgId'
  | 'senderId'
  | 'originKind'
  | 'originId'
  | 'queue'
  | 'fromAddress'
  | 'fromName'
  | 'to'
  | 'cc'
  | 'bcc'
  | 'replyTo'
  | 'subject'
  | 'text'
  | 'html'
  | 'headers'
  | 'messageId'
  | 'attempts'
  | 'maxAttempts'
  | 'lastError'
  | 'attachmentCount'
  | 'attachmentBytes'
> & { attemptNumber: number };

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
    // The waiting ones among them, and what each needs (one second of slack between the clock that
    // timed the job and the row's due time).
    const waiting = await tx.execute<{
      id: string;
      sender_id: string;
      queue: ClaimedMessage['queue'];
      expired: boolean;
      due: boolean;
      bytes: number;
    }>(sql`
      select id, sender_id, queue, coalesce(expires_at < now(), false) as expired,
        send_at <= now() + interval '1 second'
          and (next_attempt_at is null or next_attempt_at <= now() + interval '1 second') as due,
        coalesce(octet_length(text), 0) + coalesce(octet_length(html), 0) as bytes
      from outbox_messages
      where id = any(${uuidArray(ids)}) and status in ('scheduled', 'queued')
      order by created_at, id
    `);

    let expired = 0;
    const expiredIds = waiting.filter((w) => w.expired).map((w) => w.id);
    if (expiredIds.length) {
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
            sql`${outboxMessages.id} = any(${uuidArray(expiredIds)})`,
            sql`${outboxMessages.status} in ('scheduled', 'queued')`,
          ),
        )
        .returning();
      await announceSettled(tx, rows);
      expired = rows.length;
    }

    // Bodies are held in memory while the batch is out: past MAX_BATCH_BYTES, the rest goes back to
    // the queue at once (a new job) instead of waiting for this batch.
    type Waiting = (typeof waiting)[number];
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
        options.boss,
        later.map((w) => ({ id: w.id, queue: w.queue })),
      );
    if (due.length === 0) return { messages: [], senders: new Map(), expired, deferred: 0 };

    const senderIds = [...new Set(due.map((d) => d.sender_id))].sort();
    const senders = new Map(
      (
        await tx
          .select()
          .from(senderAccounts)
          .where(sql`${senderAccounts.id} = any(${uuidArray(senderIds)})`)
      ).map((s) => [s.id, s]),
    );

    // Accounts in a fixed order, so two workers reserving for the same two never deadlock.
    const granted: string[] = [];
    const deferrals: { id: string; delay: number }[] = [];
    for (const senderId of senderIds) {
      const mine = due.filter((d) => d.sender_id === senderId);
      const reservation = await reserveSendSlots(tx, senders.get(senderId)!, mine.length);
      mine.forEach((d, i) => {
        if (i < reservation.granted) granted.push(d.id);
        else deferrals.push({ id: d.id, delay: reservation.retryIn(i - reservation.granted) });
      });
    }

    let deferred = 0;
    if (deferrals.length) {
      const rows = await tx.execute<{
        id: string;
        queue: 'transactional' | 'bulk';
        next_attempt_at: Date;
      }>(sql`
        update outbox_messages m
        set next_attempt_at = now() + make_interval(secs => v.delay), updated_at = now()
        from json_to_recordset(${JSON.stringify(deferrals)}::json) as v(id uuid, delay float8)
        where m.id = v.id and m.status in ('scheduled', 'queued')
        returning m.id, m.queue, m.next_attempt_at
      `);
      await insertSendJobs(
        tx,
        options.boss,
        rows.map((r) => ({ id: r.id, queue: r.queue, startAfter: new Date(r.next_attempt_at) })),
      );
      deferred = rows.length;
    }
    if (granted.length === 0) return { messages: [], senders, expired, deferred };

    // Rows locked in id order; a row another worker claimed meanwhile no longer matches. The
    // attempt rows are written by the same statement.
    const claimed = await tx.execute<{
      id: string;
      org_id: string;
      sender_id: string;
      origin_kind: ClaimedMessage['originKind'];
      origin_id: string | null;
      queue: ClaimedMessage['queue'];
      from_address: string;
      from_name: string | null;
      to: ClaimedMessage['to'];
      cc: ClaimedMessage['cc'];
      bcc: ClaimedMessage['bcc'];
      reply_to: string | null;
      subject: string;
      text: string | null;
      html: string | null;
      headers: Record<string, string>;
      message_id: string;
      attempts: number;
      max_attempts: number;
      last_error: string | null;
      attachment_count: number;
      attachment_bytes: number;
      attempt_number: number;
    }>(sql`
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
        returning id, org_id, sender_id, origin_kind, origin_id, queue, from_address, from_name, "to", cc, bcc, reply_to, subject,
          text, html, headers, message_id, attempts, max_attempts, last_error, attachment_count, attachment_bytes
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
    if (claimed.length === 0) return { messages: [], senders, expired, deferred };

    await insertLeaseCheck(tx, options.boss, options.workerId, options.leaseSeconds);

    const order = new Map(granted.map((id, i) => [id, i]));
    return {
      messages: claimed
        .map(
          (c): ClaimedMessage => ({
            id: c.id,
            orgId: c.org_id,
            senderId: c.sender_id,
            originKind: c.origin_kind,
            originId: c.origin_id,
            queue: c.queue,
            fromAddress: c.from_address,
            fromName: c.from_name,
            to: c.to,
            cc: c.cc,
            bcc: c.bcc,
            replyTo: c.reply_to,
            subject: c.subject,
            text: c.text,
            html: c.html,
            headers: c.headers,
            messageId: c.message_id,
            attempts: c.attempts,
            maxAttempts: c.max_attempts,
            lastError: c.last_error,
            attachmentCount: c.attachment_count,
            attachmentBytes: c.attachment_bytes,
            attemptNumber: c.attempt_number,
          }),
        )
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      senders,
      expired,
      deferred,
    };
  });
}
