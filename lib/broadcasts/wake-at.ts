// The worker's wake-up for a scheduled message at its time, in the caller's transaction. Only a
// wake-up: an edited or cancelled message leaves its old job to find nothing due.
import type { PgBoss } from 'pg-boss';
import type { DbOrTx } from '../db/client';
import { enqueue } from '../jobs/enqueue';
import { broadcastDueQueue } from '../jobs/queues';

export async function wakeAt(tx: DbOrTx, broadcastId: string, at: Date, boss?: PgBoss): Promise<void> {
  await enqueue(broadcastDueQueue, { broadcastId }, { tx, boss, startAfter: at });
}
