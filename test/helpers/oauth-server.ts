// A small OAuth 2.0 / OpenID Connect provider on node:http for tests: discovery and JWKS (so an
// OIDC client such as Auth.js can use it as an issuer), an authorization endpoint that redirects
// straight back (no consent page) as `nextUser`, a token endpoint (authorization code with a PKCE
// S256 check, refresh with optional rotation; client secret in the form or as HTTP Basic),
// revocation, userinfo, token introspection (RFC 7662, for Dovecot's oauth2 passdb and the SMTP
// sink), and an RS256-signed ID token carrying the email. `failNextToken` makes the next token
// calls answer an error (`invalid_grant`, a 429 …). It counts refresh calls, so tests can assert
// "exactly one".
import crypto from 'node:crypto';
import http from 'node:http';

type Grant = { user: string; scopes: string[]; refreshToken: string; revoked: boolean; nonce?: string };

export type OAuthServer = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who "signs in" at the next authorization. */
  nextUser: string;
  /** Lifetime of issued access tokens, seconds. */
  accessTokenTtl: number;
  /** Issue a new refresh token on every refresh (as Microsoft does). */
  rotateRefreshTokens: boolean;
  refreshCalls: number;
  /**
   * Issue each access token for one resource, as Microsoft does: the code exchange for the first
   * resource among the scopes asked (`https://host/...`), a refresh for the resource its `scope`
   * names (refused with invalid_grant when the grant was never consented for it).
   */
  tokensPerResource: boolean;
  /** The scopes an access token was issued with (its audience is their resource), or null if unknown. */
  scopesOfAccessToken(token: string): string[] | null;
  /** Answers for the next token-endpoint calls, first in first out. */
  failNextToken: { status: number; error: string; retryAfter?: number }[];
  /** The user an access token was issued to, or null if unknown, expired or revoked. */
  userOfAccessToken(token: string): string | null;
  /** Revokes every grant of a user at the provider (the person removed the app's access). */
  revokeUser(user: string): void;
  /** Token introspection calls answered (RFC 7662), active or not. */
  introspections: number;
  /** The users whose grant a revocation request named (RFC 7009), in order; unknown tokens are not listed. */
  revocations: string[];
  close(): Promise<void>;
};

export async function startOAuthServer(): Promise<OAuthServer> {
  const codes = new Map<
    string,
    { user: string; scopes: string[]; challenge: string; redirectUri: string; nonce?: string }
  >();
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = crypto.randomBytes(4).toString('hex');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const signJwt = (claims: Record<string, unknown>) => {
    const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = crypto.sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url');
    return `${head}.${body}.${signature}`;
  };
  const grants = new Map<string, Grant>(); // by refresh token
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number; scopes: string[] }>();
  const resourceOf = (scope: string) => (/^https?:\/\//.test(scope) ? new URL(scope).origin : null);
  /** The scopes a token is issued with: all of them, or one resource's (tokensPerResource). */
  const tokenScopes = (asked: string[]) => {
    if (!state.tokensPerResource) return asked;
    const first = asked.map(resourceOf).find(Boolean);
    return asked.filter((s) => resourceOf(s) === null || resourceOf(s) === first);
  };

  const issue = (grant: Grant, withIdToken: boolean, scopes = tokenScopes(grant.scopes)) => {
    const accessToken = `at-${crypto.randomBytes(12).toString('hex')}`;
    accessTokens.set(accessToken, { grant, expiresAt: Date.now() + state.accessTokenTtl * 1000, scopes });
    const now = Math.floor(Date.now() / 1000);
    const idToken = withIdToken
      ? signJwt({
          iss: state.url,
          sub: grant.user,
          aud: state.clientId,
          iat: now,
          exp: now + 3600,
          email: grant.user,
          email_verified: true,
          name: grant.user.split('@')[0],
          ...(grant.nonce ? { nonce: grant.nonce } : {}),
        })
      : undefined;
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: state.accessTokenTtl,
      refresh_token: grant.refreshToken,
      scope: scopes.join(' '),
      ...(idToken ? { id_token: idToken } : {}),
    };
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));

    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer: state.url,
        authorization_endpoint: `${state.url}/authorize`,
        token_endpoint: `${state.url}/token`,
        userinfo_endpoint: `${state.url}/userinfo`,
        revocation_endpoint: `${state.url}/revoke`,
        introspection_endpoint: `${state.url}/introspect`,
        jwks_uri: `${state.url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
    if (req.method === 'POST' && url.pathname === '/introspect') {
      state.introspections++;
      const token = form.get('token') ?? '';
      const t = accessTokens.get(token);
      const user = state.userOfAccessToken(token);
      return send(
        res,
        200,
        user && t
          ? {
              active: true,
              username: user,
              email: user,
              sub: user,
              scope: t.scopes.join(' '),
              client_id: state.clientId,
              token_type: 'Bearer',
              exp: Math.floor(t.expiresAt / 1000),
            }
          : { active: false },
      );
    }
    // Any prefix: Google's /authorize and Microsoft's /{tenant}/oauth2/v2.0/authorize alike.
    if (req.method === 'GET' && url.pathname.endsWith('/authorize')) {
      const q = url.searchParams;
      const redirect = new URL(q.get('redirect_uri') ?? '');
      if (
        q.get('client_id') !== state.clientId ||
        q.get('code_challenge_method') !== 'S256' ||
        !q.get('code_challenge')
      ) {
        redirect.searchParams.set('error', 'invalid_request');
      } else {
        const code = crypto.randomBytes(12).toString('hex');
        codes.set(code, {
          user: state.nextUser,
          scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
          challenge: q.get('code_challenge')!,
          redirectUri: q.get('redirect_uri')!,
          ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
        });
        redirect.searchParams.set('code', code);
      }
      // Echoed only when sent: an OIDC client that relies on PKCE alone refuses an unexpected state.
      if (q.has('state')) redirect.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: redirect.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname.endsWith('/token')) {
      const [basicId, basicSecret] = /^Basic (.+)$/i.test(req.headers.authorization ?? '')
        ? Buffer.from(req.headers.authorization!.slice(6), 'base64')
            .toString('utf8')
            .split(':')
            .map((p) => decodeURIComponent(p))
        : [];
      const clientId = form.get('client_id') ?? basicId;
      const clientSecret = form.get('client_secret') ?? basicSecret;
      if (clientId !== state.clientId || clientSecret !== state.clientSecret)
        return send(res, 401, { error: 'invalid_client' });
      const forced = state.failNextToken.shift();
      if (forced)
        return send(
          res,
          forced.status,
          { error: forced.error, error_description: `forced ${forced.error}` },
          forced.retryAfter ? { 'retry-after': String(forced.retryAfter) } : {},
        );
      if (form.get('grant_type') === 'authorization_code') {
        const c = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
        if (!c || c.challenge !== challenge || c.redirectUri !== form.get('redirect_uri'))
          return send(res, 400, {
            error: 'invalid_grant',
            error_description: 'code, verifier or redirect_uri wrong',
          });
        const grant: Grant = {
          user: c.user,
          scopes: c.scopes,
          refreshToken: `rt-${crypto.randomBytes(12).toString('hex')}`,
          revoked: false,
          ...(c.nonce ? { nonce: c.nonce } : {}),
        };
        grants.set(grant.refreshToken, grant);
        return send(res, 200, issue(grant, c.scopes.includes('openid')));
      }
      if (form.get('grant_type') === 'refresh_token') {
        state.refreshCalls++;
        const grant = grants.get(form.get('refresh_token') ?? '');
        if (!grant || grant.revoked)
          return send(res, 400, {
            error: 'invalid_grant',
            error_description: 'Token has been expired or revoked.',
          });
        const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
        if (state.tokensPerResource && asked.some((s) => resourceOf(s) && !grant.scopes.includes(s)))
          return send(res, 400, {
            error: 'invalid_grant',
            error_description:
              'AADSTS65001: The user or administrator has not consented to use the application.',
          });
        if (state.rotateRefreshTokens) {
          grants.delete(grant.refreshToken);
          grant.refreshToken = `rt-${crypto.randomBytes(12).toString('hex')}`;
          grants.set(grant.refreshToken, grant);
        }
        return send(res, 200, issue(grant, false, tokenScopes(asked.length ? asked : grant.scopes)));
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const token = form.get('token') ?? url.searchParams.get('token') ?? '';
      const grant = grants.get(token) ?? accessTokens.get(token)?.grant;
      if (grant) {
        grant.revoked = true;
        state.revocations.push(grant.user);
      }
      return send(res, grant ? 200 : 400, grant ? {} : { error: 'invalid_token' });
    }
    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const user = state.userOfAccessToken((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      return user
        ? send(res, 200, { sub: user, email: user, email_verified: true })
        : send(res, 401, { error: 'invalid_token' });
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };

  const state: OAuthServer = {
    url: `http://127.0.0.1:${address.port}`,
    clientId: 'test-client',
    clientSecret: `secret-${crypto.randomBytes(6).toString('hex')}`,
    nextUser: 'someone@gmail.test',
    accessTokenTtl: 3600,
    rotateRefreshTokens: false,
    refreshCalls: 0,
    tokensPerResource: false,
    introspections: 0,
    revocations: [],
    failNextToken: [],
    userOfAccessToken(token) {
      const t = accessTokens.get(token);
      return t && !t.grant.revoked && t.expiresAt > Date.now() ? t.grant.user : null;
    },
    scopesOfAccessToken(token) {
      return accessTokens.get(token)?.scopes ?? null;
    },
    revokeUser(user) {
      for (const g of grants.values()) if (g.user === user) g.revoked = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}
