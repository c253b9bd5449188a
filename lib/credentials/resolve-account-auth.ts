// The sign-in of an account (a sender account, a mailbox) as SMTP and IMAP clients take it:
// `{ user, pass }` for a password, `{ user, accessToken }` for an OAuth grant (XOAUTH2), or null
// when the account signs in not at all.
import type { DbOrTx } from '../db/client';
import { type ResolveOptions, resolveCredential } from './resolve-credential';

export type AccountAuth =
  | { user: string; pass: string }
  | { user: string; accessToken: string; expiresAt: Date | null };

export type AccountSignIn = { orgId: string; username: string | null; credentialId: string | null };

export async function resolveAccountAuth(
  db: DbOrTx,
  account: AccountSignIn,
  options: ResolveOptions = {},
): Promise<AccountAuth | null> {
  // No username: no sign-in, as before credentials existed (a relay that trusts the network).
  if (!account.username) return null;
  if (!account.credentialId) return { user: account.username, pass: '' };
  const c = await resolveCredential(db, { id: account.credentialId, orgId: account.orgId }, options);
  return c.kind === 'password'
    ? { user: account.username, pass: c.password }
    : { user: account.username, accessToken: c.accessToken, expiresAt: c.expiresAt };
}
