// The worker's every-minute cron: a sync job for each active mailbox whose next sync time (its
// interval after a success, its backoff after errors) has come. A mailbox already queued or
// syncing is left alone (the queue is exclusive per mailbox).
import { and, asc, eq, lte } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { enqueueMailboxSync } from './enqueue-mailbox-sync';

export async function dispatchDueSyncs(
  db: DbOrTx,
  options: { boss?: PgBoss; now?: Date } = {},
): Promise<{ due: number; enqueued: number; mailboxIds: string[] }> {
  const due = await db
    .select({ id: inboxMailboxes.id })
    .from(inboxMailboxes)
    .where(and(eq(inboxMailboxes.active, true), lte(inboxMailboxes.nextSyncAt, options.now ?? new Date())))
    .orderBy(asc(inboxMailboxes.nextSyncAt));
  let enqueued = 0;
  for (const m of due) {
    const request = await enqueueMailboxSync(m.id, 'schedule', { boss: options.boss });
    if (!request.joined) enqueued++;
  }
  return { due: due.length, enqueued, mailboxIds: due.map((m) => m.id) };
}
