// Removes an SMS account: the same rules as a sender account (refused while SMS wait to go out
// from it; the row stays for the history; its credential goes).
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { deleteSender } from './delete-sender';
import { loadSmsAccount } from './get-sms-account';

export async function deleteSmsAccount(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  // 404 unless it is one of the organisation's SMS accounts.
  await loadSmsAccount(db, ctx, id);
  await deleteSender(db, ctx, id);
}
