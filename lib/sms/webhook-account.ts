// Who a provider's callback is for: the SMS account whose secret webhook token is in the URL (an
// unknown token is a 404, whoever asks), and the organisation context the callback acts in.
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { notFound } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type SenderAccount, senderAccounts } from '../db/schema/outbox';
import { type SmsAccountSettings, smsAccountSettings } from '../db/schema/sms';

export type WebhookAccount = { account: SenderAccount; settings: SmsAccountSettings; ctx: OrgContext };

export async function loadWebhookAccount(
  db: DbOrTx,
  provider: 'twilio' | 'brevo',
  token: string,
): Promise<WebhookAccount> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw notFound('SMS webhook');
  const [row] = await db
    .select({ account: senderAccounts, settings: smsAccountSettings })
    .from(smsAccountSettings)
    .innerJoin(senderAccounts, eq(senderAccounts.id, smsAccountSettings.senderId))
    .where(
      and(
        eq(smsAccountSettings.webhookToken, token),
        eq(senderAccounts.kind, provider),
        isNull(senderAccounts.deletedAt),
      ),
    );
  // The index found it; compare in constant time all the same.
  if (!row || !crypto.timingSafeEqual(Buffer.from(row.settings.webhookToken), Buffer.from(token)))
    throw notFound('SMS webhook');
  return {
    ...row,
    ctx: {
      orgId: row.account.orgId,
      role: 'admin',
      actor: { kind: 'webhook', provider, senderId: row.account.id },
    },
  };
}
