import { getDb } from '@/lib/db/client';
import { getSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { deleteOldMessages } from '@/lib/outbox/delete-old-messages';
import { indexOutboxSearch } from '@/lib/outbox/index-outbox-search';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { applyEarlyReports } from '@/lib/sms/early-reports';
import { defineCommand, UsageError } from '../command';

export const queueProcessCommand = defineCommand({
  name: 'queue:process',
  summary: 'Send the due outbox messages once and exit (for cron; safe beside a running worker)',
  usage: 'queue:process [--batch-size=100] [--max-runtime=240] [--cleanup]',
  options: {
    'batch-size': { type: 'string' },
    'max-runtime': { type: 'string' },
    cleanup: { type: 'boolean' },
  },
  run: async (values) => {
    const batchSize = positive(values['batch-size'] ?? '100', 'batch-size', 1000);
    const maxRuntime = positive(values['max-runtime'] ?? '240', 'max-runtime', 86_400);
    const db = getDb();
    const started = Date.now();
    try {
      const s = await processDueMessages(db, {
        boss: await getSenderBoss(),
        batchSize,
        maxRuntimeMs: maxRuntime * 1000,
      });
      const deleted = values.cleanup ? await deleteOldMessages(db) : 0;
      // Without a worker nothing else fills the search table; searches stay complete without it,
      // but match every message since the last indexing directly (slower as they pile up).
      const indexed = await indexOutboxSearch(db);
      // Delivery reports that came before their SMS's settle committed (the worker does it every minute).
      const reports = await applyEarlyReports(db);
      console.log(
        `Sent ${s.sent}, retrying ${s.retried}, failed ${s.failed}, waiting for a rate limit ${s.deferred}, expired ${s.expired}; ` +
          `recovered from a stopped worker ${s.recovered}${values.cleanup ? `; deleted by retention ${deleted}` : ''}; indexed for search ${indexed}` +
          `${reports.recorded ? `; early SMS delivery reports recorded ${reports.recorded}` : ''}. ` +
          `Took ${((Date.now() - started) / 1000).toFixed(1)} s${s.timedOut ? ' (stopped at --max-runtime: run again for the rest)' : ''}.`,
      );
      return 0;
    } finally {
      await closeSenderTransports();
    }
  },
});

function positive(value: string | boolean, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}
