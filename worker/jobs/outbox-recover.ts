// Crash recovery for the outbox: a batch's lease check (with ids), and every minute a sweep that
// re-queues messages left `sending` by a dead worker, expires overdue scheduled messages and gives
// a job to any waiting message without one.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { outboxRecoverQueue } from '@/lib/jobs/queues';
import { recoverStaleMessages } from '@/lib/outbox/recover-stale-messages';
import { defineJob } from '../job';

export const outboxRecoverJob = defineJob({
  queue: outboxRecoverQueue,
  cron: '* * * * *',
  work: () => ({ pollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS }),
  handle: (payload, { boss }) =>
    recoverStaleMessages(getDb(), { boss, workerId: payload.workerId, messageIds: payload.messageIds }),
});
