// Read/unread changes made in Mailroom, written back to the mail server (lib/inbox/write-seen-flag.ts).
// The payload only says which message: the row's current state is what gets written, so repeated
// toggles settle on the last one.
import { getDb } from '@/lib/db/client';
import { writeSeenFlag } from '@/lib/inbox/write-seen-flag';
import { inboxFlagQueue } from '@/lib/jobs/queues';
import { log } from '@/lib/log';
import { defineJob } from '../job';

export const inboxFlagJob = defineJob({
  queue: inboxFlagQueue,
  work: { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 1 },
  handle: async ({ messageId }, { jobId }) => {
    const result = await writeSeenFlag(getDb(), messageId);
    log.info({ jobId, messageId, result }, 'inbox flag written back');
    return { result };
  },
});
