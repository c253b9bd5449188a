// Sender accounts at the boundaries: what creating or changing one takes, and how one is shown.
// The password goes in and is sealed in the account's credential; it never comes back out (only
// `hasPassword`).
import { z } from 'zod';
import type { CredentialStatus } from '../db/schema/credentials';
import { type SenderAccount, senderKindEnum, smtpSecurityEnum } from '../db/schema/outbox';
import { smtpPresets } from '../mail/smtp-presets';

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is at most ${max} characters`)
    .refine(noLineBreaks, 'must not contain line breaks');
const email = z.email('is not a valid email address').max(254);
const limit = z.coerce.number().int().min(1, 'is at least 1').max(10_000_000).nullable();

const presetIds = smtpPresets.map((p) => p.id) as [string, ...string[]];

export const createSenderInput = z.object({
  name: text(100).pipe(z.string().min(1, 'is required')),
  // A gmail / microsoft account is made by connecting it (lib/oauth/complete-connect.ts), not here.
  kind: z.enum(['smtp', 'preview']).default('smtp'),
  /** Fills host, port, security and the provider's default limits (gmail, office365, …). */
  preset: z.enum(presetIds).optional(),
  fromAddress: email,
  fromName: text(200).optional(),
  replyTo: email.optional(),
  host: text(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'is not a host name')
    .optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  security: z.enum(smtpSecurityEnum.enumValues).optional(),
  username: text(254).optional(),
  password: z.string().max(1000).refine(noLineBreaks, 'must not contain line breaks').optional(),
  ratePerMinute: limit.optional(),
  ratePerDay: limit.optional(),
  maxConnections: z.coerce.number().int().min(1).max(50).optional(),
  allowInvalidCertificate: z.boolean().optional(),
  isDefault: z.boolean().optional(),
});
export type CreateSenderInput = z.input<typeof createSenderInput>;

export const updateSenderInput = createSenderInput
  .omit({ kind: true })
  .partial()
  .extend({
    fromName: text(200).nullable().optional(),
    replyTo: email.nullable().optional(),
    username: text(254).nullable().optional(),
    /** A new password; null removes it; absent keeps it. */
    password: z.string().max(1000).refine(noLineBreaks, 'must not contain line breaks').nullable().optional(),
    /** null resumes an account paused by a daily-quota answer. */
    pausedUntil: z.null().optional(),
  })
  .strict();
export type UpdateSenderInput = z.input<typeof updateSenderInput>;

export const senderView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(senderKindEnum.enumValues),
  preset: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  security: z.enum(smtpSecurityEnum.enumValues).nullable(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  ratePerMinute: z.number().int().nullable(),
  ratePerDay: z.number().int().nullable(),
  maxConnections: z.number().int(),
  allowInvalidCertificate: z.boolean(),
  isDefault: z.boolean(),
  pausedUntil: z.date().nullable(),
  pauseReason: z.string().nullable(),
  /** A connected account whose grant the provider refused: why (its words); null otherwise. */
  needsReconnect: z.string().nullable(),
  /** Since when the server could not be reached (null once a message went out again). */
  unreachableSince: z.date().nullable(),
  lastVerifiedAt: z.date().nullable(),
  lastVerifyOk: z.boolean().nullable(),
  lastVerifyMessage: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SenderView = z.infer<typeof senderView>;

export function toSenderView(
  s: SenderAccount,
  credential?: { status: CredentialStatus; statusReason: string | null } | null,
): SenderView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    preset: s.preset,
    fromAddress: s.fromAddress,
    fromName: s.fromName,
    replyTo: s.replyTo,
    host: s.host,
    port: s.port,
    security: s.security,
    username: s.username,
    // An smtp account's credential is a password; a gmail / microsoft account's is an OAuth grant.
    hasPassword: s.kind === 'smtp' && s.credentialId !== null,
    ratePerMinute: s.ratePerMinute,
    ratePerDay: s.ratePerDay,
    maxConnections: s.maxConnections,
    allowInvalidCertificate: s.allowInvalidCertificate,
    isDefault: s.isDefault,
    pausedUntil: s.pausedUntil && s.pausedUntil.getTime() > Date.now() ? s.pausedUntil : null,
    pauseReason: s.pausedUntil && s.pausedUntil.getTime() > Date.now() ? s.pauseReason : null,
    needsReconnect:
      credential?.status === 'needs_reconnect'
        ? (credential.statusReason ?? 'the provider refused the grant')
        : null,
    unreachableSince: s.unreachableSince,
    lastVerifiedAt: s.lastVerifiedAt,
    lastVerifyOk: s.lastVerifyOk,
    lastVerifyMessage: s.lastVerifyMessage,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export const verifyResultView = z.object({ ok: z.boolean(), message: z.string() });
