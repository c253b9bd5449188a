// Scheduled messages falling due: the job a message leaves for its time, and a sweep every minute
// (for anything whose wake-up was lost). Both expand whatever is due at the worker's clock.
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { broadcastDueQueue } from '@/lib/jobs/queues';
import { defineJob } from '../job';

export const broadcastDueJob = defineJob({
  queue: broadcastDueQueue,
  cron: '* * * * *',
  work: () => ({ pollingIntervalSeconds: env().MAILROOM_POLL_INTERVAL_SECONDS }),
  handle: (payload, { boss }) => processDueBroadcasts(getDb(), { boss, broadcastId: payload.broadcastId }),
});
