// "Test connection": connects to the account's server, upgrades to TLS, signs in and quits, then
// says what the server answered, in plain words. The result is kept on the account. Only SMTP
// answers are echoed (lib/mail/transports/smtp.ts), and MAILROOM_ALLOW_PRIVATE_HOSTS=false keeps
// it out of the server's own network.
import { and, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { log } from '../log';
import { buildAccountTransport } from '../mail/transports/account-transport';
import type { VerifyResult } from '../mail/transports/transport';
import { hostRefusal } from '../net/assert-allowed-host';

export async function verifySender(db: DbOrTx, ctx: OrgContext, id: string): Promise<VerifyResult> {
  const sender = firstOr404(
    await db
      .select()
      .from(senderAccounts)
      .where(
        and(
          byIdInOrg(senderAccounts, id, ctx),
          eq(senderAccounts.channel, 'email'),
          isNull(senderAccounts.deletedAt),
        ),
      ),
    'Sender account',
  );
  let result: VerifyResult;
  const refusal = sender.kind === 'smtp' && sender.host ? await hostRefusal(sender.host) : null;
  try {
    if (refusal) throw new Error(refusal);
    const transport = buildAccountTransport(sender);
    try {
      result = await transport.verify();
    } finally {
      transport.close();
    }
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  await db
    .update(senderAccounts)
    .set({ lastVerifiedAt: new Date(), lastVerifyOk: result.ok, lastVerifyMessage: result.message })
    .where(eq(senderAccounts.id, sender.id));
  log.info({ orgId: ctx.orgId, senderId: sender.id, ok: result.ok }, 'sender account verified');
  return result;
}
