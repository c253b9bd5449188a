// Every pg-boss queue Mailroom uses: its name, the schema of its payload, and its options. The web
// process and the CLI enqueue through these definitions; the worker's jobs (worker/jobs/*.ts)
// handle them. This is the one list: a queue missing here is never created.
import type { Queue } from 'pg-boss';
import { z } from 'zod';

export type QueueDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  /** pg-boss queue options: retries, expiry, retention, policy. */
  options: Omit<Queue, 'name'>;
};

function defineQueue<S extends z.ZodType>(definition: QueueDefinition<S>): QueueDefinition<S> {
  return definition;
}

/** Daily: deletes expired sessions, sign-in tokens and invitations. */
export const authCleanupQueue = defineQueue({
  name: 'auth-cleanup',
  schema: z.object({}),
  options: { retryLimit: 2, expireInSeconds: 300 },
});

export const queues: QueueDefinition[] = [authCleanupQueue];

export type QueuePayload<Q extends QueueDefinition> = z.infer<Q['schema']>;
