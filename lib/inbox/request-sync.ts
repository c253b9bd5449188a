// "Sync now" for one mailbox, or for all the organisation's active ones (REST, pages).
import { and, asc, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { inOrg } from '../db/scoped';
import { enqueueMailboxSync } from './enqueue-mailbox-sync';
import type { SyncRequestView } from './integrations.schema';
import { getIntegrationRow } from './list-integrations';

export async function requestSync(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  options: { boss?: PgBoss } = {},
): Promise<SyncRequestView> {
  const mailbox = await getIntegrationRow(db, ctx, id);
  return enqueueMailboxSync(mailbox.id, 'manual', options);
}

export async function requestSyncAll(
  db: DbOrTx,
  ctx: OrgContext,
  options: { boss?: PgBoss } = {},
): Promise<SyncRequestView[]> {
  const mailboxes = await db
    .select({ id: inboxMailboxes.id })
    .from(inboxMailboxes)
    .where(and(inOrg(inboxMailboxes, ctx), eq(inboxMailboxes.active, true)))
    .orderBy(asc(inboxMailboxes.name));
  const requests: SyncRequestView[] = [];
  for (const m of mailboxes) requests.push(await enqueueMailboxSync(m.id, 'manual', options));
  return requests;
}
