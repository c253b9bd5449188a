// Asks the worker to sync one mailbox. The sync queue is `exclusive` per mailbox: when a sync is
// already queued or running, nothing new is created and the caller joins that one.
import type { PgBoss } from 'pg-boss';
import { getSenderBoss } from '../jobs/boss';
import { enqueue } from '../jobs/enqueue';
import { inboxSyncQueue } from '../jobs/queues';
import type { SyncRequestView } from './integrations.schema';

const LIVE_STATES = new Set(['created', 'retry', 'active']);

export async function enqueueMailboxSync(
  mailboxId: string,
  reason: 'schedule' | 'manual',
  options: { boss?: PgBoss } = {},
): Promise<SyncRequestView> {
  const jobId = await enqueue(
    inboxSyncQueue,
    { mailboxId, reason },
    { singletonKey: mailboxId, boss: options.boss },
  );
  if (jobId) return { integrationId: mailboxId, jobId, joined: false };
  const boss = options.boss ?? (await getSenderBoss());
  const jobs = await boss.findJobs(inboxSyncQueue.name, { key: mailboxId });
  const live = jobs.find((j) => LIVE_STATES.has(j.state));
  // No live job any more means the one we met has just finished: its result is already stored.
  return { integrationId: mailboxId, jobId: live?.id ?? null, joined: true };
}
