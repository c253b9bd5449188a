// Daily: deletes finished outbox messages older than MAILROOM_RETENTION_DAYS (30 by default).
import { getDb } from '@/lib/db/client';
import { outboxRetentionQueue } from '@/lib/jobs/queues';
import { deleteOldMessages } from '@/lib/outbox/delete-old-messages';
import { defineJob } from '../job';

export const outboxRetentionJob = defineJob({
  queue: outboxRetentionQueue,
  cron: '41 2 * * *',
  handle: async () => ({ deleted: await deleteOldMessages(getDb()) }),
});
