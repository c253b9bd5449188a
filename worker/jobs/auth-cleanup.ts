import { deleteExpiredAuthRows } from '@/lib/auth/delete-expired-auth-rows';
import { getDb } from '@/lib/db/client';
import { authCleanupQueue } from '@/lib/jobs/queues';
import { defineJob } from '../job';

export const authCleanupJob = defineJob({
  queue: authCleanupQueue,
  cron: '17 3 * * *',
  handle: () => deleteExpiredAuthRows(getDb()),
});
