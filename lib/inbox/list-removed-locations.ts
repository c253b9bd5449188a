// What the server deleted or moved, for the mailbox page and the REST API: the most recent locations that are gone,
// each with the message it held and the folders where that message still is (a move) or none
// (deleted on the server, out of the shared inbox). A location replaced by one in the same folder
// (UIDVALIDITY changed, the folder renumbered) is not a removal and is left out.
import { sql } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxMessageLocations, inboxMessages } from '../db/schema/inbox';
import { getIntegrationRow } from './list-integrations';
import { type ListRemovedQuery, listRemovedQuery, type RemovedLocationView } from './messages.schema';

export type RemovedLocation = {
  messageId: string;
  folder: string;
  goneAt: Date;
  subject: string;
  fromName: string;
  fromAddress: string;
  /** Folders of this mailbox that still hold the message; empty when it is gone from the server. */
  stillIn: string[];
};

export async function listRemovedLocations(
  db: DbOrTx,
  ctx: OrgContext,
  mailboxId: string,
  limit = 50,
): Promise<RemovedLocation[]> {
  const rows = await db.execute<{
    message_id: string;
    folder: string;
    gone_at: string;
    subject: string;
    from_name: string;
    from_address: string;
    still_in: string[] | null;
  }>(sql`
    select l.message_id, l.folder, l.gone_at, m.subject, m.from_name, m.from_address,
      (select array_agg(distinct x.folder) from ${inboxMessageLocations} x
        where x.message_id = l.message_id and x.gone_at is null) as still_in
    from ${inboxMessageLocations} l
    join ${inboxMessages} m on m.id = l.message_id
    where l.org_id = ${ctx.orgId} and l.mailbox_id = ${mailboxId} and l.gone_at is not null
      -- a folder renumbered (new UIDVALIDITY) still holds the message: nothing happened to it
      and not exists (select 1 from ${inboxMessageLocations} s
        where s.message_id = l.message_id and s.mailbox_id = l.mailbox_id and s.folder = l.folder
          and s.gone_at is null)
    order by l.gone_at desc, l.id
    limit ${limit}`);
  return rows.map((r) => ({
    messageId: r.message_id,
    folder: r.folder,
    goneAt: new Date(r.gone_at),
    subject: r.subject,
    fromName: r.from_name,
    fromAddress: r.from_address,
    stillIn: r.still_in ?? [],
  }));
}

/** The same for the REST API: 404 for a mailbox of another organisation, dates as ISO strings. */
export async function listRemovedForIntegration(
  db: DbOrTx,
  ctx: OrgContext,
  mailboxId: string,
  query: ListRemovedQuery,
): Promise<{ removed: RemovedLocationView[] }> {
  const { limit } = parseOr400(listRemovedQuery, query, 'query');
  await getIntegrationRow(db, ctx, mailboxId);
  const rows = await listRemovedLocations(db, ctx, mailboxId, limit);
  return { removed: rows.map((r) => ({ ...r, goneAt: r.goneAt.toISOString() })) };
}
