// Plugs each provider's token renewal into the credential resolver. Imported (for its effect) by
// the modules that use OAuth credentials: the account transport factory and the IMAP connector.
import { GrantRevokedError, registerCredentialRefresher } from '../credentials/credential-refreshers';
import { oauthProvider, oauthProviderIds } from './oauth-providers';
import { refreshAccessToken } from './request-tokens';

for (const id of oauthProviderIds) {
  registerCredentialRefresher(id, async ({ refreshToken, scopes }) => {
    const provider = oauthProvider(id);
    if (!provider) throw new Error(`${id} is not configured (its client id and secret are not set)`);
    if (!refreshToken) throw new GrantRevokedError(`${provider.label} gave no refresh token: connect again`);
    const { idToken: _unused, ...grant } = await refreshAccessToken(provider, { refreshToken, scopes });
    return grant;
  });
}
