// Enqueue a job, optionally inside the caller's drizzle transaction so the job commits (or rolls
// back) with the rows it concerns.
import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { getSenderBoss } from './boss';
import type { QueueDefinition } from './queues';

export type EnqueueOptions = {
  tx?: DbOrTx;
  startAfter?: Date;
  singletonKey?: string;
  /** Use this instance instead of the process's sender (the worker passes its own). */
  boss?: PgBoss;
};

export async function enqueue<S extends z.ZodType>(
  queue: QueueDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const data = queue.schema.parse(payload) as object;
  const boss = options.boss ?? (await getSenderBoss());
  return boss.send(queue.name, data, {
    startAfter: options.startAfter,
    singletonKey: options.singletonKey,
    db: options.tx ? fromDrizzle(options.tx, sql) : undefined,
  });
}
