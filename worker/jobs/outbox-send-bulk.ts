// Sends bulk mail (runs, newsletters) from its own queue, so a 10,000-message run never holds up a
// single message on the transactional queue.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { outboxSendBulkQueue } from '@/lib/jobs/queues';
import { jobsPerFetch } from '@/lib/outbox/insert-send-jobs';
import { sendDueMessages } from '@/lib/outbox/send-due-messages';
import { defineJob } from '../job';

export const outboxSendBulkJob = defineJob({
  queue: outboxSendBulkQueue,
  work: () => ({
    batchSize: jobsPerFetch(env().MAILROOM_SEND_BATCH_SIZE),
    localConcurrency: env().MAILROOM_SEND_CONCURRENCY,
    pollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS,
    burstWhenBatchFull: true,
  }),
  handleBatch: async (items, { boss, signal }) => {
    await sendDueMessages(
      getDb(),
      items.flatMap((i) => i.payload.messageIds),
      { boss, signal },
    );
  },
});
