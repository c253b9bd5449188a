// The organisation's connected accounts: each OAuth grant with the sender account and the mailbox
// that use it (an account connected for receiving only has no sender; one for sending only no
// mailbox) and its status. The REST resource and both pages' "needs reconnect" read this.
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { inboxMailboxes } from '../db/schema/inbox';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404, inOrg } from '../db/scoped';
import { toIntegrationView } from '../inbox/integrations.schema';
import { toSenderView } from '../outbox/sender.schema';
import type { ConnectedAccountView } from './connected-account.schema';
import { isOAuthProviderId } from './oauth-providers';

export async function listConnectedAccounts(db: DbOrTx, ctx: OrgContext): Promise<ConnectedAccountView[]> {
  return selectAccounts(db, inOrg(credentials, ctx));
}

export async function getConnectedAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<ConnectedAccountView> {
  return firstOr404(await selectAccounts(db, byIdInOrg(credentials, id, ctx)), 'Connected account');
}

async function selectAccounts(db: DbOrTx, where: SQL): Promise<ConnectedAccountView[]> {
  const rows = await db
    .select({ credential: credentials, sender: senderAccounts, mailbox: inboxMailboxes })
    .from(credentials)
    .leftJoin(
      senderAccounts,
      and(
        eq(senderAccounts.credentialId, credentials.id),
        eq(senderAccounts.orgId, credentials.orgId),
        isNull(senderAccounts.deletedAt),
      ),
    )
    .leftJoin(
      inboxMailboxes,
      and(eq(inboxMailboxes.credentialId, credentials.id), eq(inboxMailboxes.orgId, credentials.orgId)),
    )
    .where(and(where, eq(credentials.kind, 'oauth')))
    .orderBy(asc(credentials.createdAt), asc(senderAccounts.createdAt), asc(inboxMailboxes.createdAt));
  // A grant serves one sender and one mailbox (complete-connect.ts); should a join ever repeat
  // one, the first of each is the account's.
  const byId = new Map<string, ConnectedAccountView>();
  for (const { credential: c, sender, mailbox } of rows) {
    if (byId.has(c.id) || !c.provider || !isOAuthProviderId(c.provider) || (!sender && !mailbox)) continue;
    const status = { status: c.status, statusReason: c.statusReason };
    byId.set(c.id, {
      id: c.id,
      provider: c.provider,
      address: (sender?.username ?? sender?.fromAddress ?? mailbox?.username ?? '').toLowerCase(),
      name: sender?.name ?? mailbox!.name,
      purposes: [...(sender ? (['send'] as const) : []), ...(mailbox ? (['receive'] as const) : [])],
      scopes: c.scopes,
      ...status,
      sender: sender ? toSenderView(sender, status) : null,
      mailbox: mailbox ? toIntegrationView(mailbox) : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
  }
  return [...byId.values()];
}
