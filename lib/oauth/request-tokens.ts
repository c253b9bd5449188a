// The provider's token endpoint: exchanging an authorization code (with its PKCE verifier) and
// renewing an access token with a refresh token. Plain fetch: both providers speak RFC 6749 here,
// and a 400 `invalid_grant` means the grant is gone for good (GrantRevokedError), while a 429 or
// 5xx is only trouble now (a plain Error: the send or sync is retried later).
import { z } from 'zod';
import { GrantRevokedError, type RefreshedGrant } from '../credentials/credential-refreshers';
import type { OAuthProvider } from './oauth-providers';

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
  id_token: z.string().optional(),
});

export type TokenAnswer = RefreshedGrant & { idToken?: string };

const TIMEOUT_MS = 15_000;

async function postToken(provider: OAuthProvider, form: Record<string, string>): Promise<TokenAnswer> {
  const res = await fetch(provider.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      ...form,
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(body);
    const words = error.success
      ? `${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ''}`
      : `HTTP ${res.status}`;
    if (error.success && error.data.error === 'invalid_grant') {
      throw new GrantRevokedError(`${provider.label} refused the grant (${words})`);
    }
    throw new Error(`${provider.label}'s token endpoint answered ${res.status} (${words})`);
  }
  const parsed = tokenAnswer.safeParse(body);
  if (!parsed.success) throw new Error(`${provider.label}'s token endpoint gave no access token`);
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
    expiresAt: t.expires_in ? new Date(Date.now() + t.expires_in * 1000) : null,
    ...(t.scope ? { scopes: t.scope.split(/\s+/).filter(Boolean) } : {}),
    ...(t.id_token ? { idToken: t.id_token } : {}),
  };
}

export function exchangeAuthorizationCode(
  provider: OAuthProvider,
  input: { code: string; codeVerifier: string; redirectUri: string },
): Promise<TokenAnswer> {
  return postToken(provider, {
    grant_type: 'authorization_code',
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: input.redirectUri,
  });
}

export function refreshAccessToken(
  provider: OAuthProvider,
  input: { refreshToken: string; scopes: string[] },
): Promise<TokenAnswer> {
  return postToken(provider, {
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
    // Microsoft wants the scopes again (one resource per token); Google ignores them.
    ...(provider.id === 'microsoft' && input.scopes.length ? { scope: input.scopes.join(' ') } : {}),
  });
}
