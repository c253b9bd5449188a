// Starts connecting a Google or Microsoft account: the authorization-code flow with PKCE (S256).
// The `state` is bound to the person and organisation starting it and kept server-side with the
// code verifier for ten minutes (lib/db/schema/oauth.ts); the browser only carries random values.
import crypto from 'node:crypto';
import { lt } from 'drizzle-orm';
import { badRequest } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { seal } from '../crypto/seal';
import type { DbOrTx } from '../db/client';
import { oauthConnectStates } from '../db/schema/oauth';
import { getConnectedAccount } from './list-connected-accounts';
import {
  type ConnectPurpose,
  type OAuthProviderId,
  oauthProvider,
  oauthRedirectUri,
  providerVariables,
} from './oauth-providers';

export const CONNECT_STATE_TTL_MS = 10 * 60_000;

export function hashState(state: string): string {
  return crypto.createHash('sha256').update(state).digest('base64url');
}

export async function startConnect(
  db: DbOrTx,
  ctx: OrgContext,
  input: {
    provider: OAuthProviderId;
    purposes: ConnectPurpose[];
    senderId?: string | null;
    /** Reconnect this connected account: it is asked for what it is used for now. */
    accountId?: string | null;
  },
): Promise<{ url: string }> {
  requireRole(ctx, 'admin');
  if (ctx.actor.kind !== 'user') throw badRequest('Connecting an account is done in the browser, signed in.');
  const provider = oauthProvider(input.provider);
  if (!provider) {
    throw badRequest(
      `${input.provider} is not configured: set ${providerVariables[input.provider].join(' and ')}.`,
    );
  }
  const reconnecting = input.accountId ? await getConnectedAccount(db, ctx, input.accountId) : null;
  if (reconnecting && reconnecting.provider !== provider.id)
    throw badRequest(`This account is connected through ${reconnecting.provider}.`, [
      { path: 'account', message: `is not a ${provider.id} account` },
    ]);
  // A reconnection asks for every scope the account uses, so a grant shared by a sender and a
  // mailbox keeps both.
  const purposes = [...new Set(reconnecting ? reconnecting.purposes : input.purposes)].sort();
  if (purposes.length === 0)
    throw badRequest('Choose what the account is for.', [{ path: 'purpose', message: 'is required' }]);
  const state = crypto.randomBytes(32).toString('base64url');
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  await db.delete(oauthConnectStates).where(lt(oauthConnectStates.expiresAt, new Date()));
  await db.insert(oauthConnectStates).values({
    stateHash: hashState(state),
    orgId: ctx.orgId,
    userId: ctx.actor.userId,
    provider: provider.id,
    purpose: purposes.join(','),
    codeVerifierSealed: seal(verifier),
    senderId: reconnecting ? (reconnecting.sender?.id ?? null) : (input.senderId ?? null),
    credentialId: reconnecting?.id ?? null,
    expiresAt: new Date(Date.now() + CONNECT_STATE_TTL_MS),
  });
  const scopes = [...provider.baseScopes, ...purposes.flatMap((p) => provider.purposeScopes[p])];
  const url = new URL(provider.authUrl);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: oauthRedirectUri(provider.id),
    scope: scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...provider.authParams,
  }))
    url.searchParams.set(k, v);
  return { url: url.toString() };
}
