// Finishes connecting an account at the callback: consumes the `state` (once, only by the person
// and organisation that started it, within its ten minutes), exchanges the code with the PKCE
// verifier, reads the account's address, and writes ONE connected account: a sealed OAuth
// credential and the sender account of kind gmail / microsoft that uses it. Connecting the same
// address again (or Reconnect) replaces the tokens in the same credential and keeps the account's
// id and history; messages that waited for the reconnection are woken. When receiving was asked
// for, the same credential signs an IMAP mailbox in (XOAUTH2) at the provider's IMAP server.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { GrantRevokedError } from '../credentials/credential-refreshers';
import { deleteCredentialIfUnused } from '../credentials/delete-credential-if-unused';
import { saveCredential } from '../credentials/save-credential';
import { unseal } from '../crypto/seal';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { oauthConnectStates } from '../db/schema/oauth';
import { senderAccounts } from '../db/schema/outbox';
import { getSenderBoss } from '../jobs/boss';
import { insertSendJobs } from '../outbox/insert-send-jobs';
import { connectedAccountPreset } from './connect-presets';
import {
  type ConnectPurpose,
  type OAuthProvider,
  type OAuthProviderId,
  oauthProvider,
  oauthRedirectUri,
} from './oauth-providers';
import { exchangeAuthorizationCode, type TokenAnswer } from './request-tokens';
import { hashState } from './start-connect';

/** The sender account (when sending was asked for) and the mailbox (when receiving was). */
export type ConnectedAccount = {
  senderId: string | null;
  mailboxId: string | null;
  address: string;
  created: boolean;
};

export async function completeConnect(
  db: DbOrTx,
  ctx: OrgContext,
  input: { provider: OAuthProviderId; state: string; code: string },
): Promise<ConnectedAccount> {
  requireRole(ctx, 'admin');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const provider = oauthProvider(input.provider);
  if (!provider || !userId) throw badRequest('This connection cannot be completed here.');
  const [pending] = await db
    .delete(oauthConnectStates)
    .where(
      and(
        eq(oauthConnectStates.stateHash, hashState(input.state)),
        eq(oauthConnectStates.orgId, ctx.orgId),
        eq(oauthConnectStates.userId, userId),
        eq(oauthConnectStates.provider, provider.id),
      ),
    )
    .returning();
  if (!pending || pending.expiresAt.getTime() < Date.now()) {
    throw badRequest('This connection attempt is unknown or has expired; start it again.', [
      { path: 'state', message: 'is unknown or expired' },
    ]);
  }
  const tokens = await exchangeAuthorizationCode(provider, {
    code: input.code,
    codeVerifier: unseal(pending.codeVerifierSealed),
    redirectUri: oauthRedirectUri(provider.id),
  }).catch((error) => {
    // A code refused (used, expired, another verifier) is the person's to retry, not ours.
    if (error instanceof GrantRevokedError)
      throw badRequest(`${error.message}; start connecting again.`, [
        { path: 'code', message: 'was refused' },
      ]);
    throw error;
  });
  const address = (await accountAddress(provider, tokens)).toLowerCase();
  return db.transaction((tx) => saveConnectedAccount(tx, ctx, provider, tokens, address, pending));
}

async function saveConnectedAccount(
  tx: DbOrTx,
  ctx: OrgContext,
  provider: OAuthProvider,
  tokens: TokenAnswer,
  address: string,
  pending: { purpose: string; senderId: string | null; credentialId: string | null },
): Promise<ConnectedAccount> {
  const purposes = pending.purpose.split(',');
  const preset = connectedAccountPreset(provider.id, address);
  const [sender] =
    purposes.includes('send') || pending.senderId
      ? await tx
          .select()
          .from(senderAccounts)
          .where(
            and(
              eq(senderAccounts.orgId, ctx.orgId),
              eq(senderAccounts.kind, preset.kind),
              isNull(senderAccounts.deletedAt),
              pending.senderId
                ? eq(senderAccounts.id, pending.senderId)
                : sql`lower(${senderAccounts.fromAddress}) = ${address}`,
            ),
          )
          .for('update')
      : [];
  if (sender?.username && sender.username.toLowerCase() !== address) {
    throw badRequest(
      `This account is ${sender.username}; ${provider.label} signed in ${address}. Choose the same account to reconnect it.`,
    );
  }
  const [mailbox] = purposes.includes('receive')
    ? await tx
        .select()
        .from(inboxMailboxes)
        .where(
          and(
            eq(inboxMailboxes.orgId, ctx.orgId),
            // Reconnecting an account: its own mailbox; otherwise the one for this address.
            pending.credentialId
              ? eq(inboxMailboxes.credentialId, pending.credentialId)
              : and(
                  sql`lower(${inboxMailboxes.host}) = ${provider.imap.host.toLowerCase()}`,
                  sql`lower(${inboxMailboxes.username}) = ${address}`,
                ),
          ),
        )
        .for('update')
    : [];
  if (mailbox && mailbox.username.toLowerCase() !== address) {
    throw badRequest(
      `This account is ${mailbox.username}; ${provider.label} signed in ${address}. Choose the same account to reconnect it.`,
    );
  }
  // One grant for the account: the sender and the mailbox share the credential.
  const credentialId = await saveCredential(tx, {
    kind: 'oauth',
    orgId: ctx.orgId,
    id: sender?.credentialId ?? mailbox?.credentialId ?? null,
    provider: provider.id,
    scopes: tokens.scopes ?? [],
    expiresAt: tokens.expiresAt,
    secret: {
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      // Microsoft's code exchange answers with a token for the first resource asked for (start-connect
      // lists the purposes' scopes in this order); the other resource's token is asked for at first use.
      ...(provider.resources ? { resource: provider.resources[purposes[0] as ConnectPurpose].key } : {}),
    },
  });
  const senderResult = sender
    ? await reconnectSender(tx, sender.id, credentialId, address)
    : purposes.includes('send')
      ? await createSender(tx, ctx, provider, credentialId, address)
      : null;
  let mailboxId: string | null = null;
  if (mailbox) {
    await tx
      .update(inboxMailboxes)
      .set({
        credentialId,
        // The provider's IMAP server is where GOOGLE_/MICROSOFT_IMAP_* say now: a mailbox connected
        // before those were changed (a proxy, a sovereign cloud) moves there when reconnected,
        // instead of signing in forever at the old address.
        host: provider.imap.host,
        port: provider.imap.port,
        security: provider.imap.security,
        active: true,
        nextSyncAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(inboxMailboxes.id, mailbox.id));
    // An app-password mailbox for the same address now signs in with the grant instead.
    if (mailbox.credentialId !== credentialId)
      await deleteCredentialIfUnused(tx, { id: mailbox.credentialId, orgId: ctx.orgId });
    mailboxId = mailbox.id;
  } else if (purposes.includes('receive')) {
    const [created] = await tx
      .insert(inboxMailboxes)
      .values({
        orgId: ctx.orgId,
        name: `${provider.label} · ${address}`,
        // The inbox's own preset ids (lib/inbox/presets.ts).
        preset: provider.id === 'google' ? 'gmail' : 'outlook',
        host: provider.imap.host,
        port: provider.imap.port,
        security: provider.imap.security,
        username: address,
        credentialId,
      })
      .returning({ id: inboxMailboxes.id });
    mailboxId = created!.id;
  }
  return {
    senderId: senderResult?.id ?? null,
    mailboxId,
    address,
    created: Boolean(senderResult?.created || (!mailbox && mailboxId)),
  };
}

async function reconnectSender(tx: DbOrTx, id: string, credentialId: string, address: string) {
  // A reconnection ends a pause the revoked grant caused, and wakes what waited on it.
  await tx
    .update(senderAccounts)
    .set({ credentialId, pausedUntil: null, pauseReason: null, username: address })
    .where(eq(senderAccounts.id, id));
  const woken = await tx.execute<{ id: string; queue: 'transactional' | 'bulk' }>(sql`
    update outbox_messages set next_attempt_at = now(), updated_at = now()
    where sender_id = ${id} and status = 'queued' and next_attempt_at > now()
    returning id, queue
  `);
  if (woken.length)
    await insertSendJobs(
      tx,
      await getSenderBoss(),
      woken.map((m) => ({ id: m.id, queue: m.queue })),
    );
  return { id, created: false };
}

async function createSender(
  tx: DbOrTx,
  ctx: OrgContext,
  provider: OAuthProvider,
  credentialId: string,
  address: string,
) {
  const preset = connectedAccountPreset(provider.id, address);
  const [created] = await tx
    .insert(senderAccounts)
    .values({
      orgId: ctx.orgId,
      name: `${provider.label} · ${address}`,
      kind: preset.kind,
      preset: provider.id,
      fromAddress: address,
      username: address,
      credentialId,
      ...(provider.smtp
        ? { host: provider.smtp.host, port: provider.smtp.port, security: provider.smtp.security }
        : {}),
      ratePerMinute: preset.ratePerMinute,
      ratePerDay: preset.ratePerDay,
      maxConnections: 5,
    })
    .returning({ id: senderAccounts.id });
  return { id: created!.id, created: true };
}

const idTokenClaims = z.object({ email: z.string().optional(), preferred_username: z.string().optional() });
const profile = z.object({
  email: z.string().optional(),
  mail: z.string().nullable().optional(),
  userPrincipalName: z.string().optional(),
});

/**
 * The address the grant belongs to: the ID token's `email` (it came straight from the token
 * endpoint over TLS, which OpenID Connect accepts in place of checking its signature; Microsoft's
 * may carry only `preferred_username`), else the provider's profile (Google's userinfo).
 */
async function accountAddress(provider: OAuthProvider, tokens: TokenAnswer): Promise<string> {
  if (tokens.idToken) {
    const payload = tokens.idToken.split('.')[1];
    const claims = payload
      ? idTokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8') || '{}'))
      : null;
    const claimed = claims?.success ? (claims.data.email ?? claims.data.preferred_username) : undefined;
    if (claimed?.includes('@')) return claimed;
  }
  const res = await fetch(provider.userinfoUrl, {
    headers: { authorization: `Bearer ${tokens.accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`${provider.label}'s profile endpoint answered ${res.status}`);
  const p = profile.parse(await res.json());
  const address = p.email ?? p.mail ?? p.userPrincipalName;
  if (!address?.includes('@'))
    throw badRequest(`${provider.label} did not say which address this account has.`);
  return address;
}
