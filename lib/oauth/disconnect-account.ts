// Disconnects a connected account: removes its sender account (refused while messages still wait
// on it, like any sender) and its tokens, then revokes the grant at the provider where the
// provider offers revocation (Google). The refresh token is read before the row goes, and the
// revocation is asked for only once the removal is committed.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type OrgContext, requireRole } from '../auth/org-context';
import { openSecret } from '../credentials/credential-secret';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { log } from '../log';
import { deleteSender } from '../outbox/delete-sender';
import { isOAuthProviderId, oauthProvider } from './oauth-providers';

export async function disconnectAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<{ revoked: boolean }> {
  requireRole(ctx, 'admin');
  const [row] = await db
    .select({ sender: senderAccounts, credential: credentials })
    .from(senderAccounts)
    .leftJoin(credentials, eq(credentials.id, senderAccounts.credentialId))
    .where(
      and(
        byIdInOrg(senderAccounts, id, ctx),
        isNull(senderAccounts.deletedAt),
        inArray(senderAccounts.kind, ['gmail', 'microsoft']),
      ),
    );
  const { credential } = firstOr404(row ? [row] : [], 'Connected account');
  const opened = credential ? openSecret(credential.kind, credential.secretSealed) : null;
  await deleteSender(db, ctx, id);
  const provider =
    credential?.provider && isOAuthProviderId(credential.provider)
      ? oauthProvider(credential.provider)
      : null;
  const token = opened?.kind === 'oauth' ? (opened.secret.refreshToken ?? opened.secret.accessToken) : null;
  if (!provider?.revokeUrl || !token) return { revoked: false };
  try {
    const res = await fetch(provider.revokeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(15_000),
    });
    // A grant the provider no longer knows is as revoked as it gets.
    return { revoked: res.ok || res.status === 400 };
  } catch (error) {
    log.warn(
      { orgId: ctx.orgId, senderId: id, err: error instanceof Error ? error.message : String(error) },
      'revoking the grant failed',
    );
    return { revoked: false };
  }
}
