// The OAuth providers an account can be connected from, as the configuration (lib/env.ts) says:
// where each one's endpoints are, which scopes each use needs, and whether it is set up at all.
// Every endpoint comes from the environment so tests, sovereign clouds and proxies can point
// elsewhere; nothing here speaks HTTP.
import { env } from '../env';

export const oauthProviderIds = ['google', 'microsoft'] as const;
export type OAuthProviderId = (typeof oauthProviderIds)[number];

/** What a connected account is for; each asks only for the scopes it needs. */
export type ConnectPurpose = 'send' | 'receive';

export type OAuthProvider = {
  id: OAuthProviderId;
  label: string;
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  /** Null where the provider offers no revocation endpoint (Microsoft). */
  revokeUrl: string | null;
  userinfoUrl: string;
  /** Scopes always asked for (who the account is), then per purpose. */
  baseScopes: string[];
  purposeScopes: Record<ConnectPurpose, string[]>;
  /** Extra authorization parameters (Google: offline access and a consent prompt for a refresh token). */
  authParams: Record<string, string>;
  /**
   * Microsoft issues an access token per resource (Graph, outlook.office.com): the resource each
   * use signs in to, with the scopes a token for it is asked with. Null: one token serves every
   * use (Google).
   */
  resources: Record<ConnectPurpose, { key: string; scopes: string[] }> | null;
  /** The resource a credential stored before tokens were kept per resource holds a token for. */
  legacyResource: string | null;
  imap: { host: string; port: number; security: 'tls' | 'starttls' | 'none' };
  /** Microsoft in MICROSOFT_SEND_VIA=smtp mode sends over SMTP with XOAUTH2; otherwise null. */
  smtp: { host: string; port: number; security: 'tls' | 'starttls' | 'none' } | null;
};

/** Microsoft's two resources: Graph (Mail.Send) and Exchange Online (IMAP, SMTP). */
const GRAPH = 'https://graph.microsoft.com';
const OUTLOOK = 'https://outlook.office.com';

/** The variables a provider needs; the pages name them when they are missing. */
export const providerVariables: Record<OAuthProviderId, [string, string]> = {
  google: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
  microsoft: ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET'],
};

export function isOAuthProviderId(value: string): value is OAuthProviderId {
  return (oauthProviderIds as readonly string[]).includes(value);
}

/** The provider as configured, or null when its client id and secret are not set. */
export function oauthProvider(id: OAuthProviderId): OAuthProvider | null {
  const e = env();
  if (id === 'google') {
    if (!e.GOOGLE_CLIENT_ID || !e.GOOGLE_CLIENT_SECRET) return null;
    return {
      id,
      label: 'Google',
      clientId: e.GOOGLE_CLIENT_ID,
      clientSecret: e.GOOGLE_CLIENT_SECRET,
      authUrl: e.GOOGLE_AUTH_URL,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      revokeUrl: e.GOOGLE_REVOKE_URL,
      userinfoUrl: e.GOOGLE_USERINFO_URL,
      baseScopes: ['openid', 'email'],
      purposeScopes: {
        send: ['https://www.googleapis.com/auth/gmail.send'],
        // IMAP over XOAUTH2 takes only the full-mail scope.
        receive: ['https://mail.google.com/'],
      },
      authParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
      resources: null,
      legacyResource: null,
      imap: { host: e.GOOGLE_IMAP_HOST, port: e.GOOGLE_IMAP_PORT, security: e.GOOGLE_IMAP_SECURITY },
      smtp: null,
    };
  }
  if (!e.MICROSOFT_CLIENT_ID || !e.MICROSOFT_CLIENT_SECRET) return null;
  const authority = e.MICROSOFT_AUTHORITY_URL.replace(
    '{tenant}',
    encodeURIComponent(e.MICROSOFT_TENANT),
  ).replace(/\/+$/, '');
  const viaSmtp = e.MICROSOFT_SEND_VIA === 'smtp';
  const sendScope = viaSmtp ? `${OUTLOOK}/SMTP.Send` : `${GRAPH}/Mail.Send`;
  return {
    id,
    label: 'Microsoft',
    clientId: e.MICROSOFT_CLIENT_ID,
    clientSecret: e.MICROSOFT_CLIENT_SECRET,
    authUrl: `${authority}/oauth2/v2.0/authorize`,
    tokenUrl: `${authority}/oauth2/v2.0/token`,
    revokeUrl: null,
    userinfoUrl: `${e.MICROSOFT_GRAPH_URL.replace(/\/+$/, '')}/me`,
    baseScopes: ['openid', 'email', 'profile', 'offline_access'],
    // The authorization asks consent for every scope at once; each token is then asked for one
    // resource's scopes (a token for Graph cannot sign in to IMAP, and the other way round).
    purposeScopes: { send: [sendScope], receive: [`${OUTLOOK}/IMAP.AccessAsUser.All`] },
    authParams: {},
    resources: {
      send: { key: viaSmtp ? OUTLOOK : GRAPH, scopes: [sendScope, 'offline_access'] },
      receive: { key: OUTLOOK, scopes: [`${OUTLOOK}/IMAP.AccessAsUser.All`, 'offline_access'] },
    },
    // Before Graph sending, every Microsoft token was for outlook.office.com (SMTP and IMAP).
    legacyResource: OUTLOOK,
    imap: { host: e.MICROSOFT_IMAP_HOST, port: e.MICROSOFT_IMAP_PORT, security: e.MICROSOFT_IMAP_SECURITY },
    smtp: viaSmtp
      ? { host: e.MICROSOFT_SMTP_HOST, port: e.MICROSOFT_SMTP_PORT, security: e.MICROSOFT_SMTP_SECURITY }
      : null,
  };
}

/** The callback URL registered at the provider. */
export function oauthRedirectUri(id: OAuthProviderId): string {
  return `${env().APP_URL.replace(/\/+$/, '')}/api/v1/connected-accounts/callback/${id}`;
}
