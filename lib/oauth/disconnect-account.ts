// Disconnects a connected account (by its id, the grant's): refused while messages still wait to
// go out from it, naming them; otherwise its sender account is removed (kept soft-deleted for the
// history of what it sent), its mailbox with what was imported from it (as removing a mailbox
// does), and its tokens. Then the grant is revoked at the provider where the provider offers
// revocation (Google; Microsoft has no endpoint that revokes one grant). The token is read before
// the row goes, and the provider is asked only once the removal is committed.
import { and, count, eq, inArray } from 'drizzle-orm';
import { AppError } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { openSecret } from '../credentials/credential-secret';
import { deleteCredentialIfUnused } from '../credentials/delete-credential-if-unused';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { outboxMessages } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { deleteIntegration } from '../inbox/delete-integration';
import { log } from '../log';
import { deleteSender } from '../outbox/delete-sender';
import { getConnectedAccount } from './list-connected-accounts';
import { isOAuthProviderId, oauthProvider } from './oauth-providers';

const waitingStatuses = ['scheduled', 'queued', 'sending'] as const;

export async function disconnectAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<{ id: string; revoked: boolean }> {
  requireRole(ctx, 'admin');
  const { provider, token } = await db.transaction(async (tx) => {
    const credential = firstOr404(
      await tx
        .select()
        .from(credentials)
        .where(and(byIdInOrg(credentials, id, ctx), eq(credentials.kind, 'oauth')))
        .for('update'),
      'Connected account',
    );
    const account = await getConnectedAccount(tx, ctx, credential.id);
    if (account.sender) {
      await refuseWhileWaiting(tx, account.sender.id, account.address);
      await deleteSender(tx, ctx, account.sender.id);
    }
    if (account.mailbox) await deleteIntegration(tx, ctx, account.mailbox.id);
    await deleteCredentialIfUnused(tx, { id: credential.id, orgId: ctx.orgId });
    const opened = openSecret(credential.kind, credential.secretSealed);
    return {
      provider: isOAuthProviderId(account.provider) ? oauthProvider(account.provider) : null,
      token: opened.kind === 'oauth' ? (opened.secret.refreshToken ?? opened.secret.accessToken) : null,
    };
  });
  return {
    id,
    revoked: provider?.revokeUrl && token ? await revoke(provider.revokeUrl, token, ctx, id) : false,
  };
}

async function refuseWhileWaiting(tx: DbOrTx, senderId: string, address: string): Promise<void> {
  const rows = await tx
    .select({ status: outboxMessages.status, n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.senderId, senderId), inArray(outboxMessages.status, [...waitingStatuses])))
    .groupBy(outboxMessages.status);
  const waiting = rows.reduce((sum, r) => sum + r.n, 0);
  if (waiting === 0) return;
  const which = rows.map((r) => `${r.n} ${r.status}`).join(', ');
  // The counts per status go in `details`, for a client to show or act on.
  throw new AppError(
    409,
    'conflict',
    `${waiting} message${waiting === 1 ? '' : 's'} still wait${waiting === 1 ? 's' : ''} to be sent from ${address} (${which}): cancel ${waiting === 1 ? 'it' : 'them'} or let ${waiting === 1 ? 'it' : 'them'} go out first.`,
    { senderId, waiting: Object.fromEntries(rows.map((r) => [r.status, r.n])) },
  ).localized('senderHasWaiting');
}

async function revoke(url: string, token: string, ctx: OrgContext, id: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(15_000),
    });
    // A grant the provider no longer knows is as revoked as it gets.
    return res.ok || res.status === 400;
  } catch (error) {
    log.warn(
      {
        orgId: ctx.orgId,
        connectedAccountId: id,
        err: error instanceof Error ? error.message : String(error),
      },
      'revoking the grant failed',
    );
    return false;
  }
}
