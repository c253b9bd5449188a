// The organisation's connected accounts, each with its status: the sender accounts of kind gmail /
// microsoft (active, paused, or needs reconnect), and the mailboxes signed in with an OAuth grant —
// an account connected for receiving only is one of these and no sender.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { inboxMailboxes } from '../db/schema/inbox';
import { inOrg } from '../db/scoped';
import { integrationView, toIntegrationView } from '../inbox/integrations.schema';
import { listSenders } from '../outbox/list-senders';
import type { SenderView } from '../outbox/sender.schema';

export const connectedMailboxView = integrationView.extend({
  /** The OAuth provider (google, microsoft). */
  provider: z.string().nullable(),
  /** The provider's reason when the grant was refused; null while it works. */
  needsReconnect: z.string().nullable(),
});
export type ConnectedMailboxView = z.infer<typeof connectedMailboxView>;

export async function listConnectedAccounts(db: DbOrTx, ctx: OrgContext): Promise<SenderView[]> {
  return (await listSenders(db, ctx)).filter((s) => s.kind === 'gmail' || s.kind === 'microsoft');
}

export async function listConnectedMailboxes(db: DbOrTx, ctx: OrgContext): Promise<ConnectedMailboxView[]> {
  const rows = await db
    .select({ mailbox: inboxMailboxes, credential: credentials })
    .from(inboxMailboxes)
    .innerJoin(
      credentials,
      and(
        eq(credentials.id, inboxMailboxes.credentialId),
        eq(credentials.orgId, inboxMailboxes.orgId),
        eq(credentials.kind, 'oauth'),
      ),
    )
    .where(inOrg(inboxMailboxes, ctx))
    .orderBy(asc(inboxMailboxes.name), asc(inboxMailboxes.createdAt));
  return rows.map(({ mailbox, credential }) => ({
    ...toIntegrationView(mailbox),
    provider: credential.provider,
    needsReconnect:
      credential.status === 'needs_reconnect' ? (credential.statusReason ?? 'needs reconnect') : null,
  }));
}
