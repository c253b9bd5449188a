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

/** Outbox messages to look at: one (a single message, a retry) or a chunk of a batch. */
const outboxSendPayload = z.object({ messageIds: z.array(z.uuid()).min(1).max(1000) });
// Each has its own table (partition): a 10,000-message bulk run never slows the fetch of a password
// reset. Completed jobs go after an hour: the message row is the record, the job only a wake-up.
const outboxSendOptions = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  // Short: a job only points at rows, which are claimed atomically, so an expired job retried while
  // a slow worker still holds it sends nothing twice.
  expireInSeconds: 120,
  // A job fetched by a worker that died (kill -9) before it claimed the rows is retried once its
  // heartbeat (refreshed by pg-boss every 5 s while the batch runs) is 10 s old — seconds, not the
  // two minutes of its expiry. The worker's supervision pass runs every 10 s to see it.
  heartbeatSeconds: 10,
  deleteAfterSeconds: 3600,
  partition: true,
  // A job inserted ready to run sends a NOTIFY with its transaction's commit, and workers (which
  // LISTEN: lib/jobs/boss.ts) fetch at once instead of at their next poll: a message queued by the
  // web app or a scheduled message's expansion starts out in milliseconds, not up to a poll
  // interval later. Polling stays as the floor (a lost notification, a worker reconnecting).
  notify: true,
};

/** An outbox message to send now (or to look at again after a retry delay). Single messages. */
export const outboxSendTransactionalQueue = defineQueue({
  name: 'outbox-send-transactional',
  schema: outboxSendPayload,
  options: outboxSendOptions,
});

/** The same for bulk mail (runs, newsletters), on a queue of its own. */
export const outboxSendBulkQueue = defineQueue({
  name: 'outbox-send-bulk',
  schema: outboxSendPayload,
  options: outboxSendOptions,
});

/**
 * Messages left in `sending` by a worker that stopped: with a workerId (or ids), a check when that
 * worker's leases may have run out; without (every minute), a sweep of the whole outbox that also
 * expires overdue scheduled messages and re-queues any message without a job.
 */
export const outboxRecoverQueue = defineQueue({
  name: 'outbox-recover',
  schema: z.object({
    workerId: z.string().max(200).optional(),
    messageIds: z.array(z.uuid()).max(1000).optional(),
  }),
  options: { retryLimit: 3, retryDelay: 5, expireInSeconds: 300, deleteAfterSeconds: 3600 },
});

/** Daily: deletes finished messages older than MAILROOM_RETENTION_DAYS. */
export const outboxRetentionQueue = defineQueue({
  name: 'outbox-retention',
  schema: z.object({}),
  options: { retryLimit: 2, expireInSeconds: 3600 },
});

/** Every minute: a sync for each active mailbox whose interval (or backoff) has passed. */
export const inboxDispatchQueue = defineQueue({
  name: 'inbox-dispatch',
  schema: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 120, deleteAfterSeconds: 3600 },
});

/**
 * One sync run of one mailbox. `exclusive` with the mailbox id as singletonKey: at most one queued
 * or running per mailbox, so a manual sync joins the one already there (lib/inbox/request-sync.ts).
 * Failures are the mailbox's status and backoff, not job retries.
 */
export const inboxSyncQueue = defineQueue({
  name: 'inbox-sync',
  schema: z.object({ mailboxId: z.uuid(), reason: z.enum(['schedule', 'manual']).default('schedule') }),
  options: { policy: 'exclusive', retryLimit: 0, expireInSeconds: 7200, deleteAfterSeconds: 86_400 },
});

/** A read/unread change made in Mailroom, written back to the mail server (\Seen). */
export const inboxFlagQueue = defineQueue({
  name: 'inbox-flag',
  schema: z.object({ messageId: z.uuid(), seen: z.boolean() }),
  options: {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 120,
    deleteAfterSeconds: 86_400,
  },
});

/**
 * Scheduled messages (lib/broadcasts) falling due: one job per message at its time (a wake-up: the
 * message row says whether it is still due), and every minute a sweep of whatever is due.
 */
export const broadcastDueQueue = defineQueue({
  name: 'broadcast-due',
  schema: z.object({ broadcastId: z.uuid().optional() }),
  options: { retryLimit: 3, retryDelay: 5, expireInSeconds: 600, deleteAfterSeconds: 3600 },
});

/** Every minute: SMS delivery reports that came before their SMS was known, recorded once it is. */
export const smsEarlyReportsQueue = defineQueue({
  name: 'sms-early-reports',
  schema: z.object({}),
  options: { retryLimit: 1, expireInSeconds: 300, deleteAfterSeconds: 3600 },
});

export const queues: QueueDefinition[] = [
  authCleanupQueue,
  outboxSendTransactionalQueue,
  outboxSendBulkQueue,
  outboxRecoverQueue,
  outboxRetentionQueue,
  inboxDispatchQueue,
  inboxSyncQueue,
  inboxFlagQueue,
  broadcastDueQueue,
  smsEarlyReportsQueue,
];

export type QueuePayload<Q extends QueueDefinition> = z.infer<Q['schema']>;
