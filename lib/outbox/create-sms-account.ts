// Adds an SMS account to the organisation: a sender account of channel `sms` (claimed, rate-limited
// and paused by the delivery core like an email one), its provider settings and a fresh webhook
// token, and the provider's secret sealed in a credential (lib/credentials), like a password.
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { badRequest, type FieldError, parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { smsAccountSettings } from '../db/schema/sms';
import {
  type CreateSmsAccountInput,
  createSmsAccountInput,
  DEFAULT_SMS_MAX_SEGMENTS,
  type SmsAccountView,
  toSmsAccountView,
} from './sms-account.schema';

export async function createSmsAccount(
  db: DbOrTx,
  ctx: OrgContext,
  input: CreateSmsAccountInput,
): Promise<SmsAccountView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(createSmsAccountInput, input);
  const missing: FieldError[] = [];
  if (s.provider === 'twilio') {
    if (!s.accountSid) missing.push({ path: 'accountSid', message: 'is required for a Twilio account' });
    if (!s.authToken) missing.push({ path: 'authToken', message: 'is required for a Twilio account' });
  }
  if (s.provider === 'brevo') {
    if (!s.apiKey) missing.push({ path: 'apiKey', message: 'is required for a Brevo account' });
    // French operators refuse numbers as the sender of automated SMS: Brevo sends under a name.
    if (s.from.startsWith('+'))
      missing.push({
        path: 'from',
        message: 'must be a sender name (at most 11 letters and digits) for Brevo',
      });
  }
  if (missing.length)
    throw badRequest(`Invalid request body: ${missing[0]!.path} ${missing[0]!.message}`, missing);

  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: senderAccounts.id })
      .from(senderAccounts)
      .where(
        and(
          eq(senderAccounts.orgId, ctx.orgId),
          eq(senderAccounts.channel, 'sms'),
          eq(senderAccounts.isDefault, true),
          isNull(senderAccounts.deletedAt),
        ),
      );
    const isDefault = s.isDefault ?? !current;
    if (isDefault && current) {
      await tx.update(senderAccounts).set({ isDefault: false }).where(eq(senderAccounts.id, current.id));
    }
    const secret = s.provider === 'twilio' ? s.authToken : s.provider === 'brevo' ? s.apiKey : undefined;
    const credentialId = await saveAccountPassword(
      tx,
      { orgId: ctx.orgId, credentialId: null },
      secret ?? null,
    );
    const [account] = await tx
      .insert(senderAccounts)
      .values({
        orgId: ctx.orgId,
        channel: 'sms',
        name: s.name,
        kind: s.provider,
        fromAddress: s.from,
        credentialId,
        ratePerMinute: s.ratePerMinute ?? null,
        ratePerDay: s.ratePerDay ?? null,
        maxConnections: s.maxConnections ?? 5,
        isDefault,
      })
      .returning();
    const [settings] = await tx
      .insert(smsAccountSettings)
      .values({
        senderId: account!.id,
        orgId: ctx.orgId,
        providerAccountId: s.provider === 'twilio' ? s.accountSid! : null,
        messagingServiceId: s.provider === 'twilio' ? (s.messagingServiceSid ?? null) : null,
        webhookToken: crypto.randomBytes(24).toString('base64url'),
        maxSegments: s.maxSegments ?? DEFAULT_SMS_MAX_SEGMENTS,
      })
      .returning();
    return toSmsAccountView(account!, settings!);
  });
}
