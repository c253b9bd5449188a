// The HTTP mail APIs (Gmail, Microsoft Graph) sign each call with the account's access token. One
// the API refuses as expired or revoked (its own 401: revoked sessions, clocks apart, though the
// stored expiry said it was good) is renewed and the call made once more, within the same attempt
// — no attempt is spent on it. Anything else the API answers is classified by the transport.
import type { AuthSource } from '../../credentials/account-auth-source';
import type { AccountAuth } from '../../credentials/resolve-account-auth';
import { TransportError } from './transport';

export function renewOnRefusal(options: {
  provider: string;
  auth: AuthSource;
  renew: () => Promise<AccountAuth | null>;
  /** Whether the API's error says the token was refused (a 401). */
  refused: (error: unknown) => boolean;
  /** The provider's error as a TransportError (temporary, permanent, quota…). */
  classify: (error: unknown) => Error;
}): <T>(call: (accessToken: string) => Promise<T>) => Promise<T> {
  const token = (a: AccountAuth | null): string => {
    if (!a || !('accessToken' in a))
      throw new TransportError(`The ${options.provider} account has no access token`, 'permanent');
    return a.accessToken;
  };
  return async (call) => {
    try {
      return await call(token(await options.auth.get()));
    } catch (error) {
      if (!options.refused(error)) throw options.classify(error);
      options.auth.forget();
      try {
        return await call(token(await options.renew()));
      } catch (again) {
        throw options.classify(again);
      }
    }
  };
}
