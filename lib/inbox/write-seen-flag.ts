// Writes a message's read state, as it is now in Mailroom, to its folder on the mail server
// (STORE ±\Seen by UID). Skips quietly when the message moved (UIDVALIDITY changed) or is gone;
// throws on connection problems so the job retries later.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { inboxMailboxes, inboxMessages } from '../db/schema/inbox';
import { env } from '../env';
import { connectImap, disconnectImap, resolveImapSettings } from './connect';
import { describeImapError } from './describe-imap-error';
import { acquireSyncLocks } from './sync-locks';

export type SeenWriteResult = 'written' | 'message-gone' | 'moved';

export async function writeSeenFlag(db: Db, messageId: string): Promise<SeenWriteResult> {
  const [row] = await db
    .select({ message: inboxMessages, mailbox: inboxMailboxes })
    .from(inboxMessages)
    .innerJoin(inboxMailboxes, eq(inboxMailboxes.id, inboxMessages.mailboxId))
    .where(eq(inboxMessages.id, messageId));
  if (!row) return 'message-gone';
  const { message, mailbox } = row;
  const locks = await acquireSyncLocks(mailbox, {
    lockMailbox: false,
    maxPerHost: env().INBOX_MAX_CONNECTIONS_PER_HOST,
    waitMs: 10_000,
  });
  if (locks.kind !== 'acquired') throw new Error(`no free connection to ${mailbox.host} right now`);
  try {
    const client = await connectImap(await resolveImapSettings(db, mailbox));
    try {
      const box = await client.mailboxOpen(message.folder);
      if (Number(box.uidValidity) !== message.uidValidity) return 'moved';
      const range = String(message.uid);
      if (message.seen) await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
      else await client.messageFlagsRemove(range, ['\\Seen'], { uid: true });
      return 'written';
    } finally {
      await disconnectImap(client);
    }
  } catch (error) {
    throw new Error(describeImapError(error, mailbox));
  } finally {
    await locks.release();
  }
}
