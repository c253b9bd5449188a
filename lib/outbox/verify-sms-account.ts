// "Test" for an SMS account: asks the provider whether it accepts the credentials (Twilio: the
// account resource; Brevo: the account endpoint), without sending anything. The result is kept.
import { eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { log } from '../log';
import type { VerifyResult } from '../mail/transports/transport';
import { buildSmsTransport } from '../sms/transports/account-sms-transport';
import { loadSmsAccount } from './get-sms-account';

export async function verifySmsAccount(db: DbOrTx, ctx: OrgContext, id: string): Promise<VerifyResult> {
  const { account, settings } = await loadSmsAccount(db, ctx, id);
  let result: VerifyResult;
  try {
    result = await (await buildSmsTransport(db, account, settings)).verify();
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  await db
    .update(senderAccounts)
    .set({ lastVerifiedAt: new Date(), lastVerifyOk: result.ok, lastVerifyMessage: result.message })
    .where(eq(senderAccounts.id, account.id));
  log.info({ orgId: ctx.orgId, senderId: account.id, ok: result.ok }, 'sms account verified');
  return result;
}
