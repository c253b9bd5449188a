// The one way to read a credential for use: "give me the auth for this account now". A password is
// opened and returned; an OAuth access token is returned while it is fresh and renewed shortly
// before it expires (or when a server refused it: `renew`), one renewal at a time per grant across
// every process (a row lock: the others wait, then use its result). A refused grant marks the
// credential needs_reconnect, and every later use says so without asking the provider again.
// A provider whose tokens are per resource (Microsoft: Graph for sending, outlook.office.com for
// IMAP) keeps one access token per resource in the same sealed secret, each renewed on its own from
// the one refresh token under the same lock; a rotated refresh token is saved with it.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type Credential, credentials } from '../db/schema/credentials';
import { log } from '../log';
import {
  type CredentialResource,
  type CredentialUse,
  credentialRefresher,
  credentialResource,
  GrantRevokedError,
  grantRevokedListeners,
} from './credential-refreshers';
import { CredentialError, type OAuthSecret, openSecret, sealSecret } from './credential-secret';

export type CredentialRef = { id: string; orgId: string };

export type ResolvedCredential =
  | { id: string; version: number; kind: 'password'; password: string }
  | {
      id: string;
      version: number;
      kind: 'oauth';
      provider: string | null;
      accessToken: string;
      expiresAt: Date | null;
      scopes: string[];
    };

/** An access token this close to its expiry is renewed before use. */
export const RENEW_AHEAD_MS = 5 * 60_000;

/** The credential cannot be used until a person connects the account again; `reason` is the provider's. */
export class CredentialNeedsReconnectError extends CredentialError {
  override name = 'CredentialNeedsReconnectError';
  constructor(public readonly reason: string) {
    super(`The account must be connected again: ${reason}`);
  }
}

export type ResolveOptions = {
  /** The token a server just refused: renew it (unless another process already has). */
  renew?: boolean;
  /** What the token is for; a provider with per-resource tokens gives that resource's. */
  use?: CredentialUse;
};

export async function resolveCredential(
  db: DbOrTx,
  ref: CredentialRef,
  options: ResolveOptions = {},
): Promise<ResolvedCredential> {
  const row = await load(db, ref, false);
  const resource = options.use ? credentialResource(row.provider, options.use) : null;
  const resolved = open(row, resource);
  if (resolved.kind === 'oauth' && (options.renew || expiresSoon(resolved))) {
    return renewGrant(db, ref, resource, options.renew ? resolved.version : undefined);
  }
  return resolved;
}

async function load(db: DbOrTx, ref: CredentialRef, lock: boolean): Promise<Credential> {
  const query = db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, ref.id), eq(credentials.orgId, ref.orgId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new CredentialError('the account has no credential (it was removed)');
  if (row.status === 'needs_reconnect')
    throw new CredentialNeedsReconnectError(row.statusReason ?? 'refused');
  return row;
}

/** Whether the resource's token is the secret's main one (else it is among resourceTokens). */
function isMain(secret: OAuthSecret, resource: CredentialResource | null): boolean {
  return !resource || resource.key === (secret.resource ?? resource.legacy);
}

function open(row: Credential, resource: CredentialResource | null): ResolvedCredential {
  const opened = openSecret(row.kind, row.secretSealed);
  if (opened.kind === 'password') {
    return { id: row.id, version: row.version, kind: 'password', password: opened.secret.password };
  }
  const base = { id: row.id, version: row.version, kind: 'oauth' as const, provider: row.provider };
  if (isMain(opened.secret, resource))
    return { ...base, accessToken: opened.secret.accessToken, expiresAt: row.expiresAt, scopes: row.scopes };
  const other = opened.secret.resourceTokens?.[resource!.key];
  return {
    ...base,
    // No token for this resource yet: an empty one that has "expired", so it is asked for now.
    accessToken: other?.accessToken ?? '',
    expiresAt: other ? (other.expiresAt ? new Date(other.expiresAt) : null) : new Date(0),
    scopes: resource!.scopes,
  };
}

function expiresSoon(c: { expiresAt: Date | null }): boolean {
  return c.expiresAt !== null && c.expiresAt.getTime() - Date.now() < RENEW_AHEAD_MS;
}

/**
 * Renews under the row lock. `refusedVersion`: the version a server just refused; if the row has
 * moved on since (another process renewed it), that newer token is used as it is.
 */
async function renewGrant(
  db: DbOrTx,
  ref: CredentialRef,
  resource: CredentialResource | null,
  refusedVersion: number | undefined,
) {
  const outcome = await db.transaction(async (tx) => {
    const row = await load(tx, ref, true);
    const current = open(row, resource);
    const opened = openSecret(row.kind, row.secretSealed);
    if (current.kind !== 'oauth' || opened.kind !== 'oauth') return { resolved: current, revoked: undefined };
    const stale = refusedVersion === undefined ? expiresSoon(current) : current.version === refusedVersion;
    if (!stale) return { resolved: current, revoked: undefined };
    const refresher = credentialRefresher(row.provider);
    if (!refresher)
      throw new CredentialError(`no way to renew a ${row.provider ?? 'provider-less'} grant is installed`);
    const secret = opened.secret;
    const main = isMain(secret, resource);
    try {
      const fresh = await refresher({
        provider: row.provider!,
        refreshToken: secret.refreshToken,
        scopes: resource ? resource.scopes : row.scopes,
      });
      const refreshToken = fresh.refreshToken ?? secret.refreshToken;
      // The main token replaces itself (and the row's expiry and scopes, which describe it);
      // another resource's token is kept beside it with its own expiry.
      const next: OAuthSecret = main
        ? {
            ...secret,
            accessToken: fresh.accessToken,
            ...(refreshToken ? { refreshToken } : {}),
            ...(resource ? { resource: resource.key } : {}),
          }
        : {
            ...secret,
            ...(refreshToken ? { refreshToken } : {}),
            resource: secret.resource ?? resource!.legacy ?? undefined,
            resourceTokens: {
              ...secret.resourceTokens,
              [resource!.key]: {
                accessToken: fresh.accessToken,
                expiresAt: fresh.expiresAt?.toISOString() ?? null,
              },
            },
          };
      if (next.resource === undefined) delete next.resource;
      const [saved] = await tx
        .update(credentials)
        .set({
          secretSealed: sealSecret({ kind: 'oauth', secret: next }),
          ...(main ? { expiresAt: fresh.expiresAt } : {}),
          ...(main && fresh.scopes ? { scopes: fresh.scopes } : {}),
          version: sql`${credentials.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(credentials.id, row.id))
        .returning();
      return { resolved: open(saved!, resource), revoked: undefined };
    } catch (error) {
      if (!(error instanceof GrantRevokedError)) throw error;
      await tx
        .update(credentials)
        .set({ status: 'needs_reconnect', statusReason: error.message, updatedAt: new Date() })
        .where(eq(credentials.id, row.id));
      return { revoked: error.message, provider: row.provider, resolved: undefined };
    }
  });
  if (outcome.revoked !== undefined) {
    // Only the renewal that turned the credential needs_reconnect gets here (later ones stop at
    // load()): the listeners hear of it once.
    const event = {
      credentialId: ref.id,
      orgId: ref.orgId,
      provider: outcome.provider ?? null,
      reason: outcome.revoked,
    };
    for (const listener of grantRevokedListeners()) {
      await listener(event).catch((err) =>
        log.warn({ err, credentialId: ref.id }, 'a needs-reconnect listener failed'),
      );
    }
    throw new CredentialNeedsReconnectError(outcome.revoked);
  }
  return outcome.resolved;
}
