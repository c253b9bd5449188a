// Reading and moving a folder's sync cursor. Moves happen in the same transaction as the rows they
// account for (see batch-writer.ts), so a crash never skips or double-counts a message.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type InboxFolderCursor, type InboxMailbox, inboxFolderCursors } from '../db/schema/inbox';

export type CursorPatch = Partial<
  Pick<InboxFolderCursor, 'lastUid' | 'highestModseq' | 'backfillBeforeUid' | 'messages' | 'unseen'>
>;

export async function loadCursor(
  db: DbOrTx,
  mailboxId: string,
  folder: string,
): Promise<InboxFolderCursor | null> {
  const [row] = await db
    .select()
    .from(inboxFolderCursors)
    .where(and(eq(inboxFolderCursors.mailboxId, mailboxId), eq(inboxFolderCursors.folder, folder)));
  return row ?? null;
}

/** A new start for the folder: first sync, or its UIDVALIDITY changed (UIDs mean nothing any more). */
export async function resetCursor(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
  folder: string,
  values: Pick<InboxFolderCursor, 'uidValidity' | 'lastUid' | 'highestModseq' | 'backfillBeforeUid'>,
): Promise<InboxFolderCursor> {
  const set = { ...values, messages: null, unseen: null, updatedAt: new Date() };
  const [row] = await db
    .insert(inboxFolderCursors)
    .values({ orgId: mailbox.orgId, mailboxId: mailbox.id, folder, ...set })
    .onConflictDoUpdate({ target: [inboxFolderCursors.mailboxId, inboxFolderCursors.folder], set })
    .returning();
  return row!;
}

export async function moveCursor(db: DbOrTx, cursorId: string, patch: CursorPatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(inboxFolderCursors)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(inboxFolderCursors.id, cursorId));
}
