// The one way to read a credential for use: "give me the auth for this account now". A password is
// opened and returned; an OAuth access token is returned while it is fresh and renewed shortly
// before it expires (or when a server refused it: `renew`), one renewal at a time per grant across
// every process (a row lock: the others wait, then use its result). A refused grant marks the
// credential needs_reconnect, and every later use says so without asking the provider again.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type Credential, credentials } from '../db/schema/credentials';
import { log } from '../log';
import { credentialRefresher, GrantRevokedError, grantRevokedListeners } from './credential-refreshers';
import { CredentialError, openSecret, sealSecret } from './credential-secret';

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

export async function resolveCredential(
  db: DbOrTx,
  ref: CredentialRef,
  options: { renew?: boolean } = {},
): Promise<ResolvedCredential> {
  const resolved = open(await load(db, ref, false));
  if (resolved.kind === 'oauth' && (options.renew || expiresSoon(resolved))) {
    return renewGrant(db, ref, options.renew ? resolved.version : undefined);
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

function open(row: Credential): ResolvedCredential {
  const opened = openSecret(row.kind, row.secretSealed);
  if (opened.kind === 'password') {
    return { id: row.id, version: row.version, kind: 'password', password: opened.secret.password };
  }
  return {
    id: row.id,
    version: row.version,
    kind: 'oauth',
    provider: row.provider,
    accessToken: opened.secret.accessToken,
    expiresAt: row.expiresAt,
    scopes: row.scopes,
  };
}

function expiresSoon(c: { expiresAt: Date | null }): boolean {
  return c.expiresAt !== null && c.expiresAt.getTime() - Date.now() < RENEW_AHEAD_MS;
}

/**
 * Renews under the row lock. `refusedVersion`: the version a server just refused; if the row has
 * moved on since (another process renewed it), that newer token is used as it is.
 */
async function renewGrant(db: DbOrTx, ref: CredentialRef, refusedVersion: number | undefined) {
  const outcome = await db.transaction(async (tx) => {
    const row = await load(tx, ref, true);
    const current = open(row);
    const opened = openSecret(row.kind, row.secretSealed);
    if (current.kind !== 'oauth' || opened.kind !== 'oauth') return { resolved: current, revoked: undefined };
    const stale = refusedVersion === undefined ? expiresSoon(current) : current.version === refusedVersion;
    if (!stale) return { resolved: current, revoked: undefined };
    const refresher = credentialRefresher(row.provider);
    if (!refresher)
      throw new CredentialError(`no way to renew a ${row.provider ?? 'provider-less'} grant is installed`);
    const secret = opened.secret;
    try {
      const fresh = await refresher({
        provider: row.provider!,
        refreshToken: secret.refreshToken,
        scopes: row.scopes,
      });
      const [saved] = await tx
        .update(credentials)
        .set({
          secretSealed: sealSecret({
            kind: 'oauth',
            secret: {
              accessToken: fresh.accessToken,
              refreshToken: fresh.refreshToken ?? secret.refreshToken,
            },
          }),
          expiresAt: fresh.expiresAt,
          ...(fresh.scopes ? { scopes: fresh.scopes } : {}),
          version: sql`${credentials.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(credentials.id, row.id))
        .returning();
      return { resolved: open(saved!), revoked: undefined };
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
