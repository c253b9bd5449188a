import { getDb } from '@/lib/db/client';
import { countMessages } from '@/lib/outbox/count-messages';
import { defineCommand } from '../command';
import { cliOrgContext } from './org-context';

export const queueStatusCommand = defineCommand({
  name: 'queue:status',
  summary: 'Print outbox message counts by queue and status (all organisations, or --org)',
  usage: 'queue:status [--org <id|slug>] [--json]',
  options: { org: { type: 'string' }, json: { type: 'boolean' } },
  run: async (values) => {
    const orgId = typeof values.org === 'string' ? (await cliOrgContext(values.org)).orgId : undefined;
    const { counts, due, stale } = await countMessages(getDb(), orgId);
    if (values.json) {
      console.log(JSON.stringify({ counts, due, stale }));
      return 0;
    }
    if (counts.length === 0) console.log('The outbox is empty.');
    else {
      console.log(`${'queue'.padEnd(14)}${'status'.padEnd(11)}count`);
      for (const c of counts) console.log(`${c.queue.padEnd(14)}${c.status.padEnd(11)}${c.count}`);
    }
    console.log(`\nDue now: ${due}. Left in sending by a stopped worker (lease expired): ${stale}.`);
    return 0;
  },
});
