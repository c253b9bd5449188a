// The pg-boss jobs that wake the worker for outbox messages, written with the caller's transaction
// so a message row never exists without its job: one insert per queue, whatever the count.
import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { DbOrTx } from '../db/client';
import type { MessageQueue } from '../db/schema/outbox';
import { outboxRecoverQueue } from '../jobs/queues';
import { sendQueueFor } from './send-queues';

export type SendJob = { id: string; queue: MessageQueue; startAfter?: Date | null };

/** Messages due together share a job, up to this many: pg-boss work per message stays small. */
export const MESSAGES_PER_JOB = 50;

/** Jobs a worker fetches at once for batches of about `messages` (at least 2, to keep bursting). */
export function jobsPerFetch(messages: number): number {
  return Math.max(2, Math.ceil(messages / MESSAGES_PER_JOB));
}

export async function insertSendJobs(tx: DbOrTx, boss: PgBoss, messages: SendJob[]): Promise<void> {
  for (const queue of ['transactional', 'bulk'] as const) {
    // Times come from the database (now() + …), the clock pg-boss compares start_after with.
    const byTime = new Map<string, string[]>();
    for (const m of messages) {
      if (m.queue !== queue) continue;
      const at = m.startAfter ? m.startAfter.toISOString() : '';
      // Pushed, not spread: a copy per message made 10,000 messages cost 50 million copies.
      const ids = byTime.get(at);
      if (ids) ids.push(m.id);
      else byTime.set(at, [m.id]);
    }
    const jobs = [...byTime].flatMap(([at, ids]) =>
      Array.from({ length: Math.ceil(ids.length / MESSAGES_PER_JOB) }, (_, i) => ({
        data: { messageIds: ids.slice(i * MESSAGES_PER_JOB, (i + 1) * MESSAGES_PER_JOB) },
        ...(at ? { startAfter: at } : {}),
      })),
    );
    if (jobs.length) {
      await boss.insert(sendQueueFor(queue).name, jobs, { db: fromDrizzle(tx, sql), returnId: false });
    }
  }
}

/**
 * A check of this worker's `sending` messages once their lease may have run out, in case the worker
 * dies. One per worker per lease period (a pg-boss singleton slot), however many batches it claims:
 * when it runs and finds leases still renewed, it books the next one itself.
 */
export async function insertLeaseCheck(
  tx: DbOrTx,
  boss: PgBoss,
  workerId: string,
  leaseSeconds: number,
): Promise<void> {
  await boss.insert(
    outboxRecoverQueue.name,
    [
      {
        data: { workerId },
        startAfter: `${leaseSeconds + 2} seconds`,
        singletonKey: `lease:${workerId}`,
        singletonSeconds: leaseSeconds,
      },
    ],
    { db: fromDrizzle(tx, sql), returnId: false },
  );
}
