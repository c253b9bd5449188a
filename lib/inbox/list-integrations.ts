import { asc } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxMailboxes } from '../db/schema/inbox';
import { byIdInOrg, firstOr404, inOrg } from '../db/scoped';
import { type IntegrationView, toIntegrationView } from './integrations.schema';

export async function listIntegrations(db: DbOrTx, ctx: OrgContext): Promise<IntegrationView[]> {
  const rows = await db
    .select()
    .from(inboxMailboxes)
    .where(inOrg(inboxMailboxes, ctx))
    .orderBy(asc(inboxMailboxes.name), asc(inboxMailboxes.createdAt));
  return rows.map((row) => toIntegrationView(row));
}

export async function getIntegration(db: DbOrTx, ctx: OrgContext, id: string): Promise<IntegrationView> {
  return toIntegrationView(await getIntegrationRow(db, ctx, id));
}

/** The stored row (sealed password included): for use-cases only, never for a response. */
export async function getIntegrationRow(db: DbOrTx, ctx: OrgContext, id: string): Promise<InboxMailbox> {
  return firstOr404(
    await db
      .select()
      .from(inboxMailboxes)
      .where(byIdInOrg(inboxMailboxes, id, ctx)),
    'Integration',
  );
}
