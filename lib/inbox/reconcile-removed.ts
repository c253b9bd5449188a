// Messages deleted or moved on the server leave the shared inbox. A location the server reports
// VANISHED (QRESYNC, where offered), or whose UID the folder no longer lists (the UID comparison,
// UID SEARCH ALL, otherwise), is marked gone; so are the locations of an old UIDVALIDITY that the
// rescan did not find again. A message with no location left is
// `removed_at` (out of the shared inbox, kept in the database); one still present in another
// folder (a move) stays, its main location moved there. Nothing is ever deleted on the server.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxMessageLocations, inboxMessages } from '../db/schema/inbox';

/**
 * Marks gone the folder's locations (at this UIDVALIDITY) that the server no longer has: those whose
 * UID is not in the folder's UID list (`live`, the UID comparison), or those it reported VANISHED
 * since the last run (`vanished`, QRESYNC: only what was expunged, without listing the folder).
 */
export async function markExpunged(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id'>,
  target: { folder: string; uidValidity: number },
  uids: { live: number[] } | { vanished: number[] },
): Promise<number> {
  if ('vanished' in uids && uids.vanished.length === 0) return 0;
  const gone = await db.execute<{ message_id: string }>(sql`
    update ${inboxMessageLocations} l set gone_at = now()
    where l.mailbox_id = ${mailbox.id} and l.folder = ${target.folder}
      and l.uid_validity = ${target.uidValidity} and l.gone_at is null
      and ${
        'live' in uids
          ? sql`not (l.uid = any(${sql.param(uids.live)}::bigint[]))`
          : sql`l.uid = any(${sql.param(uids.vanished)}::bigint[])`
      }
    returning l.message_id`);
  await settleMessages(
    db,
    gone.map((g) => g.message_id),
  );
  return gone.length;
}

/**
 * After a completed rescan of a folder whose UIDVALIDITY changed: locations at another UIDVALIDITY
 * are gone, except for messages older than the rescan window (not looked at, so not known gone).
 */
export async function retireOldUidValidity(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id'>,
  target: { folder: string; uidValidity: number },
  windowStart: Date | null,
): Promise<number> {
  const gone = await db.execute<{ message_id: string }>(sql`
    update ${inboxMessageLocations} l set gone_at = now()
    from ${inboxMessages} m
    where m.id = l.message_id and l.mailbox_id = ${mailbox.id} and l.folder = ${target.folder}
      and l.uid_validity <> ${target.uidValidity} and l.gone_at is null
      ${windowStart ? sql`and m.received_at >= ${windowStart.toISOString()}::timestamptz` : sql``}
    returning l.message_id`);
  await settleMessages(
    db,
    gone.map((g) => g.message_id),
  );
  return gone.length;
}

/** Moves each message's main location to a live one, or marks it removed when none is left. */
async function settleMessages(db: DbOrTx, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const ids = sql.param([...new Set(messageIds)]);
  await db.execute(sql`
    update ${inboxMessages} m set folder = l.folder, uid = l.uid, uid_validity = l.uid_validity
    from (
      select distinct on (message_id) message_id, folder, uid, uid_validity
      from ${inboxMessageLocations}
      where message_id = any(${ids}::uuid[]) and gone_at is null
      order by message_id, found_at, id
    ) l
    where m.id = l.message_id and not exists (
      select 1 from ${inboxMessageLocations} x
      where x.message_id = m.id and x.gone_at is null and x.folder = m.folder
        and x.uid_validity = m.uid_validity and x.uid = m.uid)`);
  await db.execute(sql`
    update ${inboxMessages} m set removed_at = now()
    where m.id = any(${ids}::uuid[]) and m.removed_at is null and not exists (
      select 1 from ${inboxMessageLocations} x where x.message_id = m.id and x.gone_at is null)`);
}

/**
 * The mailbox now signs in to another account: the old account's locations mean nothing there
 * (the new account's UIDs would collide with them), so they are forgotten. Its messages stay stored
 * but leave the shared inbox until the new account shows the same ones (recognised by content,
 * e.g. mail moved to a new provider), which brings them back.
 */
export async function forgetAllLocations(db: DbOrTx, mailbox: Pick<InboxMailbox, 'id'>): Promise<void> {
  await db.execute(sql`delete from ${inboxMessageLocations} where mailbox_id = ${mailbox.id}`);
  await db.execute(sql`
    update ${inboxMessages} set removed_at = now()
    where mailbox_id = ${mailbox.id} and removed_at is null`);
}
