// Sends outbox messages: a fetched batch at a time over each account's pooled connections. Two
// jobs, one per queue (transactional: single messages; bulk: runs and newsletters), fetched
// independently so a 10,000-message run never holds up a password reset.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { outboxSendBulkQueue, outboxSendTransactionalQueue } from '@/lib/jobs/queues';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { jobsPerFetch } from '@/lib/outbox/insert-send-jobs';
import { batchesSettled, sendDueMessages } from '@/lib/outbox/send-due-messages';
import { defineJob } from '../job';

function outboxSendJob(
  queue: typeof outboxSendTransactionalQueue,
  extra: { onStop?: () => Promise<void> } = {},
) {
  return defineJob({
    queue,
    work: () => ({
      batchSize: jobsPerFetch(env().MAILROOM_SEND_BATCH_SIZE),
      localConcurrency: env().MAILROOM_SEND_CONCURRENCY,
      pollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS,
      // The send queues NOTIFY on new ready jobs, but jobs that come due later (retries after
      // their backoff, scheduled sends) send nothing when they do: the poll must stay this short
      // (pg-boss would relax it to 30 s on a notify queue).
      notifyPollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS,
      // A full batch means more is waiting: fetch again at once instead of sleeping.
      burstWhenBatchFull: true,
    }),
    handleBatch: async (items, { boss, signal }) => {
      await sendDueMessages(
        getDb(),
        items.flatMap((i) => i.payload.messageIds),
        { boss, signal },
      );
    },
    ...extra,
  });
}

export const outboxSendTransactionalJob = outboxSendJob(outboxSendTransactionalQueue, {
  // Once per worker: the pooled connections are shared by both queues. Messages already handed to
  // a server are waited for (and recorded) first; those never handed over were released at the
  // deadline.
  onStop: async () => {
    await batchesSettled();
    await closeSenderTransports();
  },
});

export const outboxSendBulkJob = outboxSendJob(outboxSendBulkQueue);
