// One sync run of one mailbox (lib/inbox/sync-mailbox.ts). The queue lets one job per mailbox be
// queued or running; the run's own advisory lock also keeps the CLI from syncing it meanwhile.
// One log line per run with its ids and figures; never the password.
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { inboxSyncQueue } from '@/lib/jobs/queues';
import { log } from '@/lib/log';
import { defineJob } from '../job';

export const inboxSyncJob = defineJob({
  queue: inboxSyncQueue,
  work: () => ({ batchSize: 1, localConcurrency: env().INBOX_SYNC_CONCURRENCY, pollingIntervalSeconds: 1 }),
  handle: async ({ mailboxId, reason }, { jobId, signal }) => {
    const outcome = await syncMailbox(getDb(), mailboxId, { reason, signal });
    if (outcome.kind === 'skipped') {
      log.info({ jobId, mailboxId, skipped: outcome.reason }, 'inbox sync skipped');
      return { skipped: outcome.reason };
    }
    const { summary } = outcome;
    log[outcome.status === 'error' ? 'warn' : 'info'](
      {
        jobId,
        mailboxId,
        orgId: outcome.mailbox.orgId,
        status: outcome.status,
        error: outcome.error ?? undefined,
        imported: summary.imported,
        duplicates: summary.duplicates,
        quarantined: summary.quarantined,
        flagUpdates: summary.flagUpdates,
        backfillPending: summary.backfillPending,
        durationMs: summary.durationMs,
      },
      'inbox sync finished',
    );
    return { status: outcome.status, imported: summary.imported, quarantined: summary.quarantined };
  },
});
