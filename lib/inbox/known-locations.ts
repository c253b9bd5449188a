// Which UIDs of a folder (at its current UIDVALIDITY) were already handled: stored or quarantined
// at exactly that location. Those are the same server messages seen again, never downloaded twice.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxMessageLocations, inboxQuarantinedMessages } from '../db/schema/inbox';

export async function knownLocations(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id'>,
  target: { folder: string; uidValidity: number },
  uids: number[],
): Promise<Set<number>> {
  if (uids.length === 0) return new Set();
  const list = sql.param(uids);
  const [stored, quarantined] = await Promise.all([
    db
      .select({ uid: inboxMessageLocations.uid })
      .from(inboxMessageLocations)
      .where(
        and(
          eq(inboxMessageLocations.mailboxId, mailbox.id),
          eq(inboxMessageLocations.folder, target.folder),
          eq(inboxMessageLocations.uidValidity, target.uidValidity),
          sql`${inboxMessageLocations.uid} = any(${list}::bigint[])`,
        ),
      ),
    db
      .select({ uid: inboxQuarantinedMessages.uid })
      .from(inboxQuarantinedMessages)
      .where(
        and(
          eq(inboxQuarantinedMessages.mailboxId, mailbox.id),
          eq(inboxQuarantinedMessages.folder, target.folder),
          eq(inboxQuarantinedMessages.uidValidity, target.uidValidity),
          sql`${inboxQuarantinedMessages.uid} = any(${list}::bigint[])`,
        ),
      ),
  ]);
  return new Set([...stored, ...quarantined].map((r) => r.uid));
}
