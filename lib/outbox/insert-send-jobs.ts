// The pg-boss jobs that wake the worker for outbox messages, written with the caller's transaction
// so a message row never exists without its job: one insert per queue, whatever the count.
import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { DbOrTx } from '../db/client';
import type { MessageQueue } from '../db/schema/outbox';
import { outboxRecoverQueue } from '../jobs/queues';
import { sendQueueFor } from './send-queues';

export type SendJob = { id: string; queue: MessageQueue; startAfter?: Date | null };

export async function insertSendJobs(tx: DbOrTx, boss: PgBoss, jobs: SendJob[]): Promise<void> {
  for (const queue of ['transactional', 'bulk'] as const) {
    const these = jobs
      .filter((j) => j.queue === queue)
      .map((j) => ({
        data: { messageId: j.id },
        // Times come from the database (now() + …), the clock pg-boss compares start_after with.
        ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}),
      }));
    if (these.length) {
      await boss.insert(sendQueueFor(queue).name, these, { db: fromDrizzle(tx, sql), returnId: false });
    }
  }
}

/** A check of these `sending` messages once their lease may have run out (worker crash recovery). */
export async function insertLeaseCheck(
  tx: DbOrTx,
  boss: PgBoss,
  messageIds: string[],
  at: Date,
): Promise<void> {
  if (messageIds.length === 0) return;
  await boss.insert(outboxRecoverQueue.name, [{ data: { messageIds }, startAfter: at.toISOString() }], {
    db: fromDrizzle(tx, sql),
    returnId: false,
  });
}
