// Every minute: enqueue a sync for each active mailbox that is due (lib/inbox/dispatch-due-syncs.ts).
import { getDb } from '@/lib/db/client';
import { dispatchDueSyncs } from '@/lib/inbox/dispatch-due-syncs';
import { inboxDispatchQueue } from '@/lib/jobs/queues';
import { log } from '@/lib/log';
import { defineJob } from '../job';

export const inboxDispatchJob = defineJob({
  queue: inboxDispatchQueue,
  cron: '* * * * *',
  handle: async (_payload, { boss }) => {
    const { due, enqueued } = await dispatchDueSyncs(getDb(), { boss });
    if (due > 0) log.info({ due, enqueued }, 'inbox syncs dispatched');
    return { due, enqueued };
  },
});
