// An account's sign-in for a long-lived, pooled transport: read once per use (the worker calls
// forget() at the start of each batch, so every batch sees the credential as it is now) and shared
// by every send of that use, so a batch of 50 messages costs one credential read, not 50. An
// access token nearing its expiry is read (and renewed) again even within a use.
import type { DbOrTx } from '../db/client';
import type { CredentialUse } from './credential-refreshers';
import { type AccountAuth, type AccountSignIn, resolveAccountAuth } from './resolve-account-auth';
import { RENEW_AHEAD_MS } from './resolve-credential';

export type AuthSource = {
  get(): Promise<AccountAuth | null>;
  /** The next get() reads the credential again. */
  forget(): void;
};

export function accountAuthSource(db: () => DbOrTx, account: AccountSignIn, use?: CredentialUse): AuthSource {
  let pending: Promise<AccountAuth | null> | null = null;
  let expiresAt: number | null = null;
  return {
    get() {
      if (pending && expiresAt !== null && expiresAt - Date.now() < RENEW_AHEAD_MS) pending = null;
      if (!pending) {
        const read = resolveAccountAuth(db(), account, use ? { use } : {});
        pending = read;
        read.then(
          (auth) => {
            expiresAt = auth && 'accessToken' in auth ? (auth.expiresAt?.getTime() ?? null) : null;
          },
          // A failed read is not kept: the next send tries again.
          () => {
            if (pending === read) pending = null;
          },
        );
      }
      return pending;
    },
    forget() {
      pending = null;
    },
  };
}
