// SMS accounts ("SMS senders") at the boundaries: what creating or changing one takes, and how one
// is shown. An SMS account is a sender account of channel `sms` (so the delivery core claims,
// rate-limits and pauses it like any other) plus its provider settings (sms_account_settings).
// The provider's secret (Twilio auth token, Brevo API key) goes in and is sealed in the account's
// credential; it never comes back out (only `hasSecret`).
import { z } from 'zod';
import type { SenderAccount } from '../db/schema/outbox';
import type { SmsAccountSettings } from '../db/schema/sms';
import { smsWebhookUrls } from '../sms/webhook-urls';

export const SMS_PROVIDERS = ['twilio', 'brevo', 'preview'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);
const secret = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .refine(noLineBreaks, 'must not contain line breaks');
const limit = z.coerce.number().int().min(1, 'is at least 1').max(10_000_000).nullable();

/** A sender: a number in E.164, or a name of 1–11 letters, digits and spaces with a letter in it. */
export const smsFrom = z
  .string()
  .trim()
  .refine(
    (v) => /^\+[1-9]\d{6,14}$/.test(v) || (/^[A-Za-z0-9 ]{1,11}$/.test(v) && /[A-Za-z]/.test(v)),
    'is neither a phone number in E.164 form (+33612345678) nor a sender name of at most 11 letters and digits',
  );

export const createSmsAccountInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(100)
      .refine(noLineBreaks, 'must not contain line breaks'),
    provider: z.enum(SMS_PROVIDERS),
    from: smsFrom,
    /** Twilio: the Account SID. */
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'is not a Twilio Account SID (AC followed by 32 hexadecimal digits)')
      .optional(),
    /** Twilio: a Messaging Service SID to send from instead of `from`. */
    messagingServiceSid: z
      .string()
      .trim()
      .regex(
        /^MG[0-9a-fA-F]{32}$/,
        'is not a Twilio Messaging Service SID (MG followed by 32 hexadecimal digits)',
      )
      .nullable()
      .optional(),
    /** Twilio: the auth token. */
    authToken: secret.optional(),
    /** Brevo: the API key. */
    apiKey: secret.optional(),
    ratePerMinute: limit.optional(),
    ratePerDay: limit.optional(),
    /** SMS handed to the provider at once per worker process. */
    maxConnections: z.coerce.number().int().min(1).max(50).optional(),
    /** A longer message is refused at enqueue (400). */
    maxSegments: z.coerce.number().int().min(1).max(10).optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();
export type CreateSmsAccountInput = z.input<typeof createSmsAccountInput>;

export const updateSmsAccountInput = createSmsAccountInput
  .omit({ provider: true })
  .partial()
  .extend({
    /** null resumes an account paused by a quota answer or an unreachable provider. */
    pausedUntil: z.null().optional(),
  })
  .strict();
export type UpdateSmsAccountInput = z.input<typeof updateSmsAccountInput>;

export const smsAccountView = z.object({
  id: z.uuid(),
  name: z.string(),
  provider: z.enum(SMS_PROVIDERS),
  from: z.string(),
  accountSid: z.string().nullable(),
  messagingServiceSid: z.string().nullable(),
  hasSecret: z.boolean(),
  ratePerMinute: z.number().int().nullable(),
  ratePerDay: z.number().int().nullable(),
  maxConnections: z.number().int(),
  maxSegments: z.number().int(),
  isDefault: z.boolean(),
  pausedUntil: z.date().nullable(),
  pauseReason: z.string().nullable(),
  unreachableSince: z.date().nullable(),
  lastVerifiedAt: z.date().nullable(),
  lastVerifyOk: z.boolean().nullable(),
  lastVerifyMessage: z.string().nullable(),
  /** What to configure at the provider (secret: they carry the account's webhook token). */
  webhookUrls: z.object({ status: z.string(), inbound: z.string() }).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SmsAccountView = z.infer<typeof smsAccountView>;

/** Accounts without a settings row (the preview one made with the organisation) allow this much. */
export const DEFAULT_SMS_MAX_SEGMENTS = 6;

export function toSmsAccountView(a: SenderAccount, s: SmsAccountSettings | null): SmsAccountView {
  const pausedNow = a.pausedUntil && a.pausedUntil.getTime() > Date.now();
  return {
    id: a.id,
    name: a.name,
    provider: a.kind as SmsProvider,
    from: a.fromAddress,
    accountSid: s?.providerAccountId ?? null,
    messagingServiceSid: s?.messagingServiceId ?? null,
    hasSecret: a.credentialId !== null,
    ratePerMinute: a.ratePerMinute,
    ratePerDay: a.ratePerDay,
    maxConnections: a.maxConnections,
    maxSegments: s?.maxSegments ?? DEFAULT_SMS_MAX_SEGMENTS,
    isDefault: a.isDefault,
    pausedUntil: pausedNow ? a.pausedUntil : null,
    pauseReason: pausedNow ? a.pauseReason : null,
    unreachableSince: a.unreachableSince,
    lastVerifiedAt: a.lastVerifiedAt,
    lastVerifyOk: a.lastVerifyOk,
    lastVerifyMessage: a.lastVerifyMessage,
    webhookUrls: s ? smsWebhookUrls(a.kind, s.webhookToken) : null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
