// Plugs each provider's token renewal into the credential resolver, and the owners' and admins'
// email into a grant turning needs_reconnect. Imported (for its effect) by
// the modules that use OAuth credentials: the account transport factory and the IMAP connector.
import {
  GrantRevokedError,
  onGrantRevoked,
  registerCredentialRefresher,
} from '../credentials/credential-refreshers';
import { notifyNeedsReconnect } from './notify-needs-reconnect';
import { oauthProvider, oauthProviderIds } from './oauth-providers';
import { refreshAccessToken } from './request-tokens';

for (const id of oauthProviderIds) {
  registerCredentialRefresher(
    id,
    async ({ refreshToken, scopes }) => {
      const provider = oauthProvider(id);
      if (!provider) throw new Error(`${id} is not configured (its client id and secret are not set)`);
      if (!refreshToken)
        throw new GrantRevokedError(`${provider.label} gave no refresh token: connect again`);
      const { idToken: _unused, ...grant } = await refreshAccessToken(provider, { refreshToken, scopes });
      return grant;
    },
    (use) => {
      const provider = oauthProvider(id);
      const resource = provider?.resources?.[use];
      return resource ? { ...resource, legacy: provider!.legacyResource } : null;
    },
  );
}

onGrantRevoked(notifyNeedsReconnect);
