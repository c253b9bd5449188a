// How an OAuth grant is renewed at its provider, one function per provider, registered by the
// provider's module (the OAuth issue adds Google's and Microsoft's). lib/credentials/resolve-credential.ts
// calls it under the credential's row lock and saves what it returns; a refresher only speaks HTTP.
export type RefreshedGrant = {
  accessToken: string;
  /** A provider that rotates refresh tokens (Microsoft) returns the new one: it is saved with the access token. */
  refreshToken?: string;
  expiresAt: Date | null;
  scopes?: string[];
};

/** What a credential is used for: a provider may need a token per use (Microsoft: per resource). */
export type CredentialUse = 'send' | 'receive';

/**
 * The resource a use signs in to and the scopes a token for it is asked with; `legacy`: the
 * resource a credential saved before per-resource tokens holds its one token for.
 */
export type CredentialResource = { key: string; scopes: string[]; legacy: string | null };

export type CredentialRefresher = (grant: {
  provider: string;
  refreshToken: string | undefined;
  scopes: string[];
}) => Promise<RefreshedGrant>;

/** The provider refused the grant for good (`invalid_grant`): a person must connect the account again. */
export class GrantRevokedError extends Error {
  override name = 'GrantRevokedError';
}

const refreshers = new Map<string, CredentialRefresher>();
const resourceResolvers = new Map<string, (use: CredentialUse) => CredentialResource | null>();

export function registerCredentialRefresher(
  provider: string,
  refresher: CredentialRefresher,
  /** For a provider whose tokens are per resource: which resource each use needs. */
  resourceFor?: (use: CredentialUse) => CredentialResource | null,
): void {
  refreshers.set(provider, refresher);
  if (resourceFor) resourceResolvers.set(provider, resourceFor);
}

/** The resource a use of this provider's grant needs, or null when one token serves every use. */
export function credentialResource(provider: string | null, use: CredentialUse): CredentialResource | null {
  return provider ? (resourceResolvers.get(provider)?.(use) ?? null) : null;
}

export function credentialRefresher(provider: string | null): CredentialRefresher | undefined {
  return provider ? refreshers.get(provider) : undefined;
}

/** Told once, after the commit, when a credential turns needs_reconnect (the OAuth module emails admins). */
export type GrantRevokedListener = (event: {
  credentialId: string;
  orgId: string;
  provider: string | null;
  reason: string;
}) => Promise<void>;

const revokedListeners: GrantRevokedListener[] = [];

export function onGrantRevoked(listener: GrantRevokedListener): void {
  revokedListeners.push(listener);
}

export function grantRevokedListeners(): readonly GrantRevokedListener[] {
  return revokedListeners;
}
