import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { getDb } from '@/lib/db/client';
import { getSenderBoss } from '@/lib/jobs/boss';
import { defineCommand } from '../command';

export const messagesProcessCommand = defineCommand({
  name: 'messages:process',
  summary: 'Expand the scheduled messages that are due into their emails and SMS, once (for cron)',
  usage: 'messages:process',
  options: {},
  run: async () => {
    const started = Date.now();
    const done = await processDueBroadcasts(getDb(), { boss: await getSenderBoss(), limit: 10_000 });
    for (const d of done) {
      console.log(
        `${d.id}: ${d.status}${d.reason ? ` (${d.reason})` : ''} — ${d.email} email, ${d.sms} SMS, ${d.skipped} skipped`,
      );
    }
    console.log(
      `Processed ${done.length} due message${done.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s; the worker (or queue:process) sends them.`,
    );
    return 0;
  },
});
