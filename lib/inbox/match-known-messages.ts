// After a UIDVALIDITY change (or when a folder is added to a mailbox that already has mail), the
// folder's messages are first identified from their headers: those already stored get their new
// UID and \Seen flag and are not downloaded again. Returns the external ids that were known.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxMessages, inboxQuarantinedMessages } from '../db/schema/inbox';
import type { FetchedMessage } from './store-messages';

export async function matchKnownMessages(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id'>,
  items: FetchedMessage[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const ids = sql.param(items.map((i) => i.externalId));
  const [messages, quarantined] = await Promise.all([
    db
      .select({ externalId: inboxMessages.externalId })
      .from(inboxMessages)
      .where(
        and(eq(inboxMessages.mailboxId, mailbox.id), sql`${inboxMessages.externalId} = any(${ids}::text[])`),
      ),
    db
      .select({ externalId: inboxQuarantinedMessages.externalId })
      .from(inboxQuarantinedMessages)
      .where(
        and(
          eq(inboxQuarantinedMessages.mailboxId, mailbox.id),
          sql`${inboxQuarantinedMessages.externalId} = any(${ids}::text[])`,
        ),
      ),
  ]);
  const known = new Set([...messages, ...quarantined].map((r) => r.externalId));
  const moved = items.filter((i) => known.has(i.externalId));
  if (moved.length === 0) return known;

  // Only rows that live in this folder move to their new UID; a copy kept from another folder stays put.
  const folder = moved[0]!.folder;
  const uidValidity = moved[0]!.uidValidity;
  const values = JSON.stringify(moved.map((m) => ({ external_id: m.externalId, uid: m.uid, seen: m.seen })));
  await db.execute(sql`
    update ${inboxMessages} m set uid = v.uid, uid_validity = ${uidValidity}, seen = v.seen
    from jsonb_to_recordset(${values}::jsonb) as v(external_id text, uid bigint, seen boolean)
    where m.mailbox_id = ${mailbox.id} and m.external_id = v.external_id and m.folder = ${folder}`);
  await db.execute(sql`
    update ${inboxQuarantinedMessages} q set uid = v.uid, uid_validity = ${uidValidity}
    from jsonb_to_recordset(${values}::jsonb) as v(external_id text, uid bigint)
    where q.mailbox_id = ${mailbox.id} and q.external_id = v.external_id and q.folder = ${folder}`);
  return known;
}
