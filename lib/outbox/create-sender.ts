// Adds a sender account to the organisation. A preset fills the server settings and the provider's
// limits (each can still be given explicitly); the password goes into a sealed credential
// (lib/credentials) that the account refers to.
import { and, eq, isNull } from 'drizzle-orm';
import { badRequest, type FieldError, parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { type SmtpSecurity, senderAccounts } from '../db/schema/outbox';
import { findSmtpPreset } from '../mail/smtp-presets';
import { assertAllowedHost } from '../net/assert-allowed-host';
import { type CreateSenderInput, createSenderInput, type SenderView, toSenderView } from './sender.schema';

export const DEFAULT_PORTS: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

export async function createSender(
  db: DbOrTx,
  ctx: OrgContext,
  input: CreateSenderInput,
): Promise<SenderView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(createSenderInput, input);
  const preset = findSmtpPreset(s.preset);
  const smtp = s.kind === 'smtp';
  const security = smtp ? (s.security ?? preset?.security ?? 'starttls') : null;
  const values = {
    orgId: ctx.orgId,
    name: s.name,
    kind: s.kind,
    preset: smtp ? (s.preset ?? null) : null,
    fromAddress: s.fromAddress,
    fromName: s.fromName || null,
    replyTo: s.replyTo ?? null,
    host: smtp ? (s.host ?? preset?.host ?? null) : null,
    port: smtp ? (s.port ?? preset?.port ?? DEFAULT_PORTS[security!]) : null,
    security,
    username: smtp ? s.username || null : null,
    ratePerMinute: s.ratePerMinute !== undefined ? s.ratePerMinute : (preset?.ratePerMinute ?? null),
    ratePerDay: s.ratePerDay !== undefined ? s.ratePerDay : (preset?.ratePerDay ?? null),
    maxConnections: s.maxConnections ?? 5,
    allowInvalidCertificate: s.allowInvalidCertificate ?? false,
  };
  const missing: FieldError[] = [];
  if (smtp && !values.host) missing.push({ path: 'host', message: 'is required (or choose a preset)' });
  if (missing.length)
    throw badRequest(`Invalid request body: ${missing[0]!.path} ${missing[0]!.message}`, missing);
  if (smtp) await assertAllowedHost(values.host);

  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: senderAccounts.id })
      .from(senderAccounts)
      .where(
        and(
          eq(senderAccounts.orgId, ctx.orgId),
          eq(senderAccounts.channel, 'email'),
          eq(senderAccounts.isDefault, true),
          isNull(senderAccounts.deletedAt),
        ),
      );
    const isDefault = s.isDefault ?? !current;
    if (isDefault && current) {
      await tx.update(senderAccounts).set({ isDefault: false }).where(eq(senderAccounts.id, current.id));
    }
    const credentialId = smtp
      ? await saveAccountPassword(tx, { orgId: ctx.orgId, credentialId: null }, s.password ?? null)
      : null;
    const [row] = await tx
      .insert(senderAccounts)
      .values({ ...values, credentialId, isDefault })
      .returning();
    return toSenderView(row!);
  });
}
