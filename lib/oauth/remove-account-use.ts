// Removing a sender account or a mailbox from its own page, when it is one use of a connected
// account: if it is the grant's only use, removing it disconnects the account (the grant is
// revoked at the provider, as DELETE /api/v1/connected-accounts/{id} does); if the grant also
// serves the other one (a sender and a mailbox connected together), only this use goes and the
// grant stays for the other. Anything else is removed as before.
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { deleteIntegration } from '../inbox/delete-integration';
import { deleteSender } from '../outbox/delete-sender';
import { disconnectAccount } from './disconnect-account';
import { listConnectedAccounts } from './list-connected-accounts';

export async function removeAccountUse(
  db: DbOrTx,
  ctx: OrgContext,
  use: { senderId: string } | { mailboxId: string },
): Promise<void> {
  requireRole(ctx, 'admin');
  const account = (await listConnectedAccounts(db, ctx)).find((a) =>
    'senderId' in use ? a.sender?.id === use.senderId : a.mailbox?.id === use.mailboxId,
  );
  if (account && account.purposes.length === 1) {
    await disconnectAccount(db, ctx, account.id);
    return;
  }
  if ('senderId' in use) await deleteSender(db, ctx, use.senderId);
  else await deleteIntegration(db, ctx, use.mailboxId);
}
