// The organisation's SMS accounts, the default first. An organisation made before SMS existed gets
// its preview account here on first look, as on its first SMS.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { smsAccountSettings } from '../db/schema/sms';
import { inOrg } from '../db/scoped';
import { ensureSmsPreviewAccount } from './create-preview-sender';
import { type SmsAccountView, toSmsAccountView } from './sms-account.schema';

export async function listSmsAccounts(db: DbOrTx, ctx: OrgContext): Promise<SmsAccountView[]> {
  await ensureSmsPreviewAccount(db, ctx.orgId);
  const rows = await db
    .select({ account: senderAccounts, settings: smsAccountSettings })
    .from(senderAccounts)
    .leftJoin(smsAccountSettings, eq(smsAccountSettings.senderId, senderAccounts.id))
    .where(
      and(inOrg(senderAccounts, ctx), eq(senderAccounts.channel, 'sms'), isNull(senderAccounts.deletedAt)),
    )
    .orderBy(desc(senderAccounts.isDefault), asc(senderAccounts.createdAt));
  return rows.map((r) => toSmsAccountView(r.account, r.settings));
}
