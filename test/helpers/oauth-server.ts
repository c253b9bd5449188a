// A small OAuth 2.0 / OpenID Connect provider on node:http for tests: an authorization endpoint
// that redirects straight back (no consent page) as `nextUser`, a token endpoint (authorization
// code with a PKCE S256 check, refresh with optional rotation), revocation, userinfo, and an
// unsigned ID token carrying the email. `failNextToken` makes the next token calls answer an
// error (`invalid_grant`, a 429 …). It counts refresh calls, so tests can assert "exactly one".
import crypto from 'node:crypto';
import http from 'node:http';

type Grant = { user: string; scopes: string[]; refreshToken: string; revoked: boolean };

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
  /** Answers for the next token-endpoint calls, first in first out. */
  failNextToken: { status: number; error: string; retryAfter?: number }[];
  /** The user an access token was issued to, or null if unknown, expired or revoked. */
  userOfAccessToken(token: string): string | null;
  /** Revokes every grant of a user at the provider (the person removed the app's access). */
  revokeUser(user: string): void;
  close(): Promise<void>;
};

export async function startOAuthServer(): Promise<OAuthServer> {
  const codes = new Map<string, { user: string; scopes: string[]; challenge: string; redirectUri: string }>();
  const grants = new Map<string, Grant>(); // by refresh token
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();

  const issue = (grant: Grant, withIdToken: boolean) => {
    const accessToken = `at-${crypto.randomBytes(12).toString('hex')}`;
    accessTokens.set(accessToken, { grant, expiresAt: Date.now() + state.accessTokenTtl * 1000 });
    const idToken = withIdToken
      ? [
          Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
          Buffer.from(
            JSON.stringify({ iss: state.url, sub: grant.user, email: grant.user, aud: state.clientId }),
          ).toString('base64url'),
          '',
        ].join('.')
      : undefined;
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: state.accessTokenTtl,
      refresh_token: grant.refreshToken,
      scope: grant.scopes.join(' '),
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
        });
        redirect.searchParams.set('code', code);
      }
      redirect.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: redirect.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname.endsWith('/token')) {
      if (form.get('client_id') !== state.clientId || form.get('client_secret') !== state.clientSecret)
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
        if (state.rotateRefreshTokens) {
          grants.delete(grant.refreshToken);
          grant.refreshToken = `rt-${crypto.randomBytes(12).toString('hex')}`;
          grants.set(grant.refreshToken, grant);
        }
        return send(res, 200, issue(grant, false));
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const token = form.get('token') ?? url.searchParams.get('token') ?? '';
      const grant = grants.get(token) ?? accessTokens.get(token)?.grant;
      if (grant) grant.revoked = true;
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
    failNextToken: [],
    userOfAccessToken(token) {
      const t = accessTokens.get(token);
      return t && !t.grant.revoked && t.expiresAt > Date.now() ? t.grant.user : null;
    },
    revokeUser(user) {
      for (const g of grants.values()) if (g.user === user) g.revoked = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}
