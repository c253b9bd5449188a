// Read / unread in Mailroom. Stored at once, and written back to the mail server by the worker
// (inbox-flag job) in the same transaction, so other mail clients see it too; the new unread count
// is announced to the open tabs (announce-unread-change.ts) when it commits.
import { eq, sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { inboxMessages } from '../db/schema/inbox';
import { getSenderBoss } from '../jobs/boss';
import { inboxFlagQueue } from '../jobs/queues';
import { announceUnreadChange } from './announce-unread-change';
import { getMessageRow } from './get-message';
import { toMessageSummary } from './list-messages';
import type { MessageSummaryView } from './messages.schema';

export async function setMessageSeen(
  db: Db,
  ctx: OrgContext,
  id: string,
  seen: boolean,
  options: { boss?: PgBoss } = {},
): Promise<MessageSummaryView> {
  const row = await getMessageRow(db, ctx, id);
  if (row.seen === seen) return toMessageSummary(row);
  const boss = options.boss ?? (await getSenderBoss());
  const updated = await db.transaction(async (tx) => {
    const [u] = await tx.update(inboxMessages).set({ seen }).where(eq(inboxMessages.id, row.id)).returning();
    await boss.send(inboxFlagQueue.name, inboxFlagQueue.schema.parse({ messageId: row.id, seen }), {
      db: fromDrizzle(tx, sql),
    });
    await announceUnreadChange(tx, row.orgId);
    return u!;
  });
  return toMessageSummary(updated);
}
