// Nothing is lost when a worker dies. A message still `sending` after its lease ran out was in
// flight in a process that stopped: its attempt is marked interrupted and it goes back to the queue
// (same row, same Message-ID), so at worst it is delivered twice, never zero times. With ids this
// checks one batch when its lease ends; the every-minute sweep (no ids) also expires overdue
// scheduled messages and gives a job to any waiting message that has none.
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import type { MessageQueue, MessageStatus } from '../db/schema/outbox';
import { outboxSendBulkQueue, outboxSendTransactionalQueue } from '../jobs/queues';
import { log } from '../log';
import { announceSettled, settledColumns, settledFromSql } from './announce-settled';
import { insertLeaseCheck, insertSendJobs } from './insert-send-jobs';
import { uuidArray } from './uuid-array';

export type RecoverySummary = { recovered: number; failed: number; expired: number; orphans: number };

type Row = ReturnType<typeof settledFromSql>;

const INTERRUPTED =
  'The worker stopped while this attempt was in flight (its lease ran out); the message was queued again with the same Message-ID.';

export async function recoverStaleMessages(
  db: Db,
  options: { boss: PgBoss; workerId?: string; messageIds?: string[] },
): Promise<RecoverySummary> {
  const summary = await db.transaction(async (tx) => {
    const only = options.workerId
      ? sql`and locked_by = ${options.workerId}`
      : options.messageIds?.length
        ? sql`and id = any(${uuidArray(options.messageIds)})`
        : sql``;
    const stale = (
      await tx.execute<{ id: string }>(sql`
        select id from outbox_messages
        where status = 'sending' and locked_until < now() ${only}
        order by id limit 1000 for update skip locked
      `)
    ).map((r) => r.id);

    let recovered: Row[] = [];
    if (stale.length) {
      await tx.execute(sql`
        update outbox_message_attempts set outcome = 'interrupted', finished_at = clock_timestamp(), error = ${INTERRUPTED}
        where message_id = any(${uuidArray(stale)}) and outcome = 'sending'
      `);
      recovered = [
        ...(await tx.execute(sql`
          update outbox_messages set
            status = (case when attempts >= max_attempts then 'failed' else 'queued' end)::message_status,
            last_error = case when attempts >= max_attempts
              then 'Gave up after ' || attempts || ' attempts: ' || ${INTERRUPTED} else ${INTERRUPTED} end,
            finished_at = case when attempts >= max_attempts then now() end,
            next_attempt_at = case when attempts >= max_attempts then null else now() end,
            locked_until = null, locked_by = null, updated_at = now()
          where id = any(${uuidArray(stale)})
          returning ${settledColumns()}
        `)),
      ].map(settledFromSql);
      await announceSettled(tx, recovered);
      await insertSendJobs(
        tx,
        options.boss,
        recovered.filter((r) => r.status === 'queued').map((r) => ({ id: r.id, queue: r.queue })),
      );
    }

    if (options.workerId || options.messageIds?.length) {
      // Leases a live worker keeps renewing: look again when they end (the every-minute sweep
      // covers whatever this misses).
      const [leased] = await tx.execute<{ until: Date | null }>(sql`
        select max(locked_until) as until from outbox_messages
        where status = 'sending' and locked_until >= now() ${only}
      `);
      const workerId = options.workerId;
      if (leased?.until && workerId) {
        const seconds = Math.max(1, (new Date(leased.until).getTime() - Date.now()) / 1000);
        await insertLeaseCheck(tx, options.boss, workerId, Math.ceil(seconds));
      }
      return { recovered: recovered.length, failed: count(recovered, 'failed'), expired: 0, orphans: 0 };
    }

    const expired = [
      ...(await tx.execute(sql`
        update outbox_messages set status = 'expired', finished_at = now(), next_attempt_at = null, updated_at = now(),
          last_error = 'Not sent before it expired at ' || to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
        where id in (
          select id from outbox_messages
          where status in ('scheduled', 'queued') and expires_at < now()
          order by id limit 1000 for update skip locked
        )
        returning ${settledColumns()}
      `)),
    ].map(settledFromSql);
    await announceSettled(tx, expired);

    // A waiting message whose job is gone (failed for good, deleted) would wait forever: give it one.
    const orphans = await tx.execute<{ id: string; queue: MessageQueue }>(sql`
      select m.id, m.queue from outbox_messages m
      where m.status in ('scheduled', 'queued')
        and greatest(m.send_at, coalesce(m.next_attempt_at, m.send_at)) < now() - interval '2 minutes'
        and m.id::text not in (
          select jsonb_array_elements_text(j.data->'messageIds') from pgboss.job j
          where j.name in (${outboxSendTransactionalQueue.name}, ${outboxSendBulkQueue.name})
            and j.state in ('created', 'retry', 'active')
        )
      limit 1000
    `);
    await insertSendJobs(
      tx,
      options.boss,
      orphans.map((o) => ({ id: o.id, queue: o.queue })),
    );
    return {
      recovered: recovered.length,
      failed: count(recovered, 'failed'),
      expired: expired.length,
      orphans: orphans.length,
    };
  });
  if (summary.recovered || summary.expired || summary.orphans) log.info(summary, 'outbox recovery');
  return summary;
}

function count(rows: Row[], status: MessageStatus): number {
  return rows.filter((r) => r.status === status).length;
}
