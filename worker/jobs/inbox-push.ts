// New mail in seconds: this worker's share of the mailboxes' IDLE connections (lib/inbox/push-supervisor.ts).
// Off for the whole installation with INBOX_PUSH=false; per mailbox with its `push` setting.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { startPushSupervisor } from '@/lib/inbox/push-supervisor';
import type { WorkerLoop } from '../job';

export const inboxPushLoop: WorkerLoop = {
  name: 'inbox-push',
  start: (workerId) => {
    if (!env().INBOX_PUSH) return { stop: async () => {} };
    return startPushSupervisor(getDb(), { holder: workerId });
  },
};
