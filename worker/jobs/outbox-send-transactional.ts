// Sends single messages (sign-up mail, a reply, an invoice sent by hand): a fetched batch at a time
// over each account's pooled connections.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { outboxSendTransactionalQueue } from '@/lib/jobs/queues';
import { closeSenderTransports } from '@/lib/mail/transports/sender-transport';
import { jobsPerFetch } from '@/lib/outbox/insert-send-jobs';
import { sendDueMessages } from '@/lib/outbox/send-due-messages';
import { defineJob } from '../job';

export const outboxSendTransactionalJob = defineJob({
  queue: outboxSendTransactionalQueue,
  work: () => ({
    batchSize: jobsPerFetch(env().MAILROOM_SEND_BATCH_SIZE),
    localConcurrency: env().MAILROOM_SEND_CONCURRENCY,
    pollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS,
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
  onStop: closeSenderTransports,
});
