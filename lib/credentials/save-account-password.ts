// The password rule every account form follows (sender accounts, mailboxes): a password replaces
// the account's password credential (or makes one); null or '' means no password. The caller stores
// the returned id on the account and, when it changed, releases the old credential afterwards
// (lib/credentials/delete-credential-if-unused.ts).
import type { DbOrTx } from '../db/client';
import { saveCredential } from './save-credential';

export async function saveAccountPassword(
  db: DbOrTx,
  account: { orgId: string; credentialId: string | null },
  password: string | null,
): Promise<string | null> {
  if (!password) return null;
  return saveCredential(db, {
    orgId: account.orgId,
    id: account.credentialId,
    kind: 'password',
    secret: { password },
  });
}
