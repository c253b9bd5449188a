// Changes an SMS account. Only what is given changes; a new auth token / API key replaces the secret
// in the account's credential (used from the next batch on); `pausedUntil: null` resumes it.
import crypto from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { badRequest, parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { smsAccountSettings } from '../db/schema/sms';
import { loadSmsAccount } from './get-sms-account';
import {
  type SmsAccountView,
  toSmsAccountView,
  type UpdateSmsAccountInput,
  updateSmsAccountInput,
} from './sms-account.schema';

export async function updateSmsAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateSmsAccountInput,
): Promise<SmsAccountView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(updateSmsAccountInput, input);
  return db.transaction(async (tx) => {
    const { account, settings } = await loadSmsAccount(tx, ctx, id, { forUpdate: true });
    const kind = account.kind;
    if (kind === 'brevo' && s.from?.startsWith('+'))
      throw badRequest(
        'Invalid request body: from must be a sender name (at most 11 letters and digits) for Brevo',
        [{ path: 'from', message: 'must be a sender name (at most 11 letters and digits) for Brevo' }],
      );
    const changes: Partial<typeof senderAccounts.$inferInsert> = { updatedAt: new Date() };
    if (s.name !== undefined) changes.name = s.name;
    if (s.from !== undefined) changes.fromAddress = s.from;
    if (s.ratePerMinute !== undefined) changes.ratePerMinute = s.ratePerMinute;
    if (s.ratePerDay !== undefined) changes.ratePerDay = s.ratePerDay;
    if (s.maxConnections !== undefined) changes.maxConnections = s.maxConnections;
    const secret = kind === 'twilio' ? s.authToken : kind === 'brevo' ? s.apiKey : undefined;
    // Saved in place (same credential, version + 1): nothing to release.
    if (secret) changes.credentialId = await saveAccountPassword(tx, account, secret);
    if (s.pausedUntil === null) {
      changes.pausedUntil = null;
      changes.pauseReason = null;
      changes.unreachableSince = null;
    }
    if (s.isDefault === true && !account.isDefault) {
      await tx
        .update(senderAccounts)
        .set({ isDefault: false })
        .where(
          and(
            eq(senderAccounts.orgId, ctx.orgId),
            eq(senderAccounts.channel, 'sms'),
            ne(senderAccounts.id, account.id),
          ),
        );
    }
    if (s.isDefault !== undefined) changes.isDefault = s.isDefault;
    const [row] = await tx
      .update(senderAccounts)
      .set(changes)
      .where(eq(senderAccounts.id, account.id))
      .returning();
    const settingChanges: Partial<typeof smsAccountSettings.$inferInsert> = {};
    if (kind === 'twilio' && s.accountSid !== undefined) settingChanges.providerAccountId = s.accountSid;
    if (kind === 'twilio' && s.messagingServiceSid !== undefined)
      settingChanges.messagingServiceId = s.messagingServiceSid;
    if (s.maxSegments !== undefined) settingChanges.maxSegments = s.maxSegments;
    let next: typeof settings | undefined = settings;
    if (Object.keys(settingChanges).length) {
      if (settings) {
        [next] = await tx
          .update(smsAccountSettings)
          .set(settingChanges)
          .where(eq(smsAccountSettings.senderId, account.id))
          .returning();
      } else {
        // The preview account made with the organisation has no settings row yet.
        [next] = await tx
          .insert(smsAccountSettings)
          .values({
            senderId: account.id,
            orgId: ctx.orgId,
            webhookToken: crypto.randomBytes(24).toString('base64url'),
            ...settingChanges,
          })
          .returning();
      }
    }
    return toSmsAccountView(row!, next ?? null);
  });
}
