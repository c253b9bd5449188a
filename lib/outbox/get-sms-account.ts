// One SMS account of the organisation with its provider settings (404 for another organisation's,
// a deleted one, or an email account).
import { and, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type SenderAccount, senderAccounts } from '../db/schema/outbox';
import { type SmsAccountSettings, smsAccountSettings } from '../db/schema/sms';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type SmsAccountView, toSmsAccountView } from './sms-account.schema';

export async function getSmsAccount(db: DbOrTx, ctx: OrgContext, id: string): Promise<SmsAccountView> {
  const { account, settings } = await loadSmsAccount(db, ctx, id);
  return toSmsAccountView(account, settings);
}

export async function loadSmsAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ account: SenderAccount; settings: SmsAccountSettings | null }> {
  const query = db
    .select({ account: senderAccounts, settings: smsAccountSettings })
    .from(senderAccounts)
    .leftJoin(smsAccountSettings, eq(smsAccountSettings.senderId, senderAccounts.id))
    .where(
      and(
        byIdInOrg(senderAccounts, id, ctx),
        eq(senderAccounts.channel, 'sms'),
        isNull(senderAccounts.deletedAt),
      ),
    );
  const row = firstOr404(
    options.forUpdate ? await query.for('update', { of: senderAccounts }) : await query,
    'SMS account',
  );
  return row;
}
