// `inbox:sync`: sync mailboxes once, in this process, and exit — for cron users who do not run the
// worker (or want a sync at a fixed time). Exits 1 when a mailbox's sync failed.
import { and, asc, eq, lte, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { isUuid } from '@/lib/db/scoped';
import { loadEnvOrExit } from '@/lib/env';
import type { SyncOutcome } from '@/lib/inbox/sync-mailbox';
import { syncMailboxes } from '@/lib/inbox/sync-mailboxes';
import { defineCommand, UsageError } from '../command';
import { cliOrgContext } from './org-context';

const SKIPPED: Record<string, string> = {
  'not-found': 'no such mailbox',
  inactive: 'inactive',
  'already-running': 'a sync of this mailbox is already running elsewhere (worker or another inbox:sync)',
  'host-busy': 'the limit of connections to its mail server is reached; try again shortly',
};

export const inboxSyncCommand = defineCommand({
  name: 'inbox:sync',
  summary: 'Sync mailboxes now, in this process, then exit (for cron); exit code 1 if one failed',
  usage: 'inbox:sync [--integration <id>] [--org <id|slug>] [--due]',
  options: { integration: { type: 'string' }, org: { type: 'string' }, due: { type: 'boolean' } },
  run: async (values) => {
    const env = loadEnvOrExit();
    const db = getDb();
    let ids: string[];
    const integration = values.integration;
    if (typeof integration === 'string') {
      if (!isUuid(integration)) throw new UsageError(`--integration "${integration}" is not a mailbox id`);
      const [row] = await db
        .select({ id: inboxMailboxes.id })
        .from(inboxMailboxes)
        .where(eq(inboxMailboxes.id, integration));
      if (!row) throw new UsageError(`no mailbox with id ${integration}`);
      ids = [row.id];
    } else {
      const conditions: SQL[] = [eq(inboxMailboxes.active, true)];
      if (typeof values.org === 'string')
        conditions.push(eq(inboxMailboxes.orgId, (await cliOrgContext(values.org)).orgId));
      if (values.due) conditions.push(lte(inboxMailboxes.nextSyncAt, new Date()));
      const rows = await db
        .select({ id: inboxMailboxes.id })
        .from(inboxMailboxes)
        .where(and(...conditions))
        .orderBy(asc(inboxMailboxes.nextSyncAt));
      ids = rows.map((r) => r.id);
    }
    if (ids.length === 0) {
      console.log('No mailbox to sync.');
      return 0;
    }
    const outcomes = await syncMailboxes(db, ids, {
      reason: 'cli',
      concurrency: env.INBOX_SYNC_CONCURRENCY,
      onOutcome: (o) => console.log(describe(o)),
    });
    const failed = outcomes.filter((o) => o.kind === 'synced' && o.status === 'error').length;
    console.log(`${outcomes.length} mailbox(es) synced, ${failed} failed.`);
    return failed > 0 ? 1 : 0;
  },
});

function describe(o: SyncOutcome): string {
  if (o.kind === 'skipped') return `- ${o.mailboxId}: skipped, ${SKIPPED[o.reason] ?? o.reason}`;
  const s = o.summary;
  const figures = `${s.imported} new, ${s.duplicates} already stored, ${s.quarantined} quarantined, ${s.flagUpdates} read-state change(s) in ${(s.durationMs / 1000).toFixed(1)} s`;
  const more = s.backfillPending ? ' (older mail still to fetch: run again)' : '';
  const head = `${o.status === 'error' ? 'x' : o.status === 'partial' ? '!' : '+'} ${o.mailbox.name} (${o.mailbox.id}): ${o.status}`;
  return o.status === 'error'
    ? `${head}: ${o.error}`
    : `${head}, ${figures}${more}${o.error ? `. ${o.error}` : ''}`;
}
