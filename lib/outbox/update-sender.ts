// Changes a sender account. Only what is given changes; a new password replaces the secret in the
// account's credential (null removes it); `pausedUntil: null` resumes an account paused by a
// daily-quota answer. Workers reconnect when the connection settings change
// (lib/mail/transports/account-transport.ts: transportKey) and sign new connections in with the
// new password from their next batch on.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { deleteCredentialIfUnused } from '../credentials/delete-credential-if-unused';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { findSmtpPreset } from '../mail/smtp-presets';
import { assertAllowedHost } from '../net/assert-allowed-host';
import { type SenderView, toSenderView, type UpdateSenderInput, updateSenderInput } from './sender.schema';

export async function updateSender(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateSenderInput,
): Promise<SenderView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(updateSenderInput, input);
  await assertAllowedHost(s.host);
  return db.transaction(async (tx) => {
    const current = firstOr404(
      await tx
        .select()
        .from(senderAccounts)
        .where(
          and(
            byIdInOrg(senderAccounts, id, ctx),
            eq(senderAccounts.channel, 'email'),
            isNull(senderAccounts.deletedAt),
          ),
        )
        .for('update'),
      'Sender account',
    );
    const smtp = current.kind === 'smtp';
    const preset = s.preset !== undefined ? findSmtpPreset(s.preset) : undefined;
    const changes: Partial<typeof senderAccounts.$inferInsert> = { updatedAt: new Date() };
    let released: string | null = null;
    if (s.name !== undefined) changes.name = s.name;
    if (s.fromAddress !== undefined) changes.fromAddress = s.fromAddress;
    if (s.fromName !== undefined) changes.fromName = s.fromName || null;
    if (s.replyTo !== undefined) changes.replyTo = s.replyTo;
    if (smtp) {
      if (preset) {
        changes.preset = preset.id;
        changes.host = preset.host;
        changes.port = preset.port;
        changes.security = preset.security;
        changes.ratePerMinute = preset.ratePerMinute;
        changes.ratePerDay = preset.ratePerDay;
      }
      if (s.host !== undefined) changes.host = s.host;
      if (s.port !== undefined) changes.port = s.port;
      if (s.security !== undefined) changes.security = s.security;
      if (s.username !== undefined) changes.username = s.username || null;
      if (s.password !== undefined) {
        changes.credentialId = await saveAccountPassword(tx, current, s.password);
        if (current.credentialId && changes.credentialId !== current.credentialId)
          released = current.credentialId;
      }
      if (s.maxConnections !== undefined) changes.maxConnections = s.maxConnections;
      if (s.allowInvalidCertificate !== undefined)
        changes.allowInvalidCertificate = s.allowInvalidCertificate;
    }
    if (s.ratePerMinute !== undefined) changes.ratePerMinute = s.ratePerMinute;
    if (s.ratePerDay !== undefined) changes.ratePerDay = s.ratePerDay;
    if (s.pausedUntil === null) {
      changes.pausedUntil = null;
      changes.pauseReason = null;
    }
    if (s.isDefault === true && !current.isDefault) {
      await tx
        .update(senderAccounts)
        .set({ isDefault: false })
        .where(
          and(
            eq(senderAccounts.orgId, ctx.orgId),
            eq(senderAccounts.channel, current.channel),
            ne(senderAccounts.id, current.id),
          ),
        );
    }
    if (s.isDefault !== undefined) changes.isDefault = s.isDefault;
    const [row] = await tx
      .update(senderAccounts)
      .set(changes)
      .where(eq(senderAccounts.id, current.id))
      .returning();
    if (released) await deleteCredentialIfUnused(tx, { id: released, orgId: ctx.orgId });
    return toSenderView(row!);
  });
}
