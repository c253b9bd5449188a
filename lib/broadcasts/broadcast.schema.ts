// Input and output shapes of scheduled messages ("broadcasts") for the REST API and the pages.
// Times are strings: an ISO 8601 instant with its offset, or a wall-clock time ("2026-03-29T18:00")
// in the organisation's zone, turned into an instant by the use-cases (when.ts), which know the zone.
import { z } from 'zod';
import {
  broadcastChannelEnum,
  broadcastRecipientStatusEnum,
  broadcastStatusEnum,
} from '../db/schema/broadcasts';

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);

const channels = z
  .array(z.enum(broadcastChannelEnum.enumValues))
  .min(1, 'names at least one channel (email, sms)')
  .max(2)
  .refine((c) => new Set(c).size === c.length, 'names a channel twice');

const when = z
  .string()
  .trim()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
    'is not a date-time (2026-06-14T18:00, in the organisation’s time zone, or with an offset)',
  );

/** An email's subject, in messages and templates. */
export const subjectField = z
  .string()
  .trim()
  .max(998, 'is longer than 998 characters')
  .refine(noLineBreaks, 'contains a line break');
/** A message's text (variables allowed), in messages and templates. */
export const contentField = z.string().min(1, 'is empty').max(100_000, 'is longer than 100,000 characters');

const fields = {
  channels,
  /** Contacts named one by one. */
  contactIds: z.array(z.uuid()).max(10_000, 'names more than 10,000 contacts'),
  /** Groups, expanded as they are when the message is due. */
  groupIds: z.array(z.uuid()).max(100, 'names more than 100 groups'),
  subject: subjectField,
  content: contentField,
  /** The email sender account; the organisation's default when absent. */
  senderId: z.uuid().nullable(),
  /** The SMS account (GET /api/v1/sms-accounts); the organisation's default when absent or null. */
  smsAccountId: z.uuid().nullable(),
  /** When to send (absent: now). */
  scheduledAt: when.nullable(),
  /** Not expanded by then: failed. Default: MAILROOM_SCHEDULED_EXPIRY_HOURS after scheduledAt. */
  expiresAt: when.nullable(),
};

export const createBroadcastInput = z.object({
  channels: fields.channels,
  contactIds: fields.contactIds.default([]),
  groupIds: fields.groupIds.default([]),
  subject: fields.subject.default(''),
  /** Absent with a templateId: the template's. */
  content: fields.content.optional(),
  /** Start from a saved template: its subject and content fill what is not given. */
  templateId: z.uuid().optional(),
  senderId: fields.senderId.optional(),
  smsAccountId: fields.smsAccountId.optional(),
  scheduledAt: fields.scheduledAt.optional(),
  expiresAt: fields.expiresAt.optional(),
  /** Keep it as a draft (not sent until scheduled). */
  draft: z.boolean().default(false),
});
export type CreateBroadcastInput = z.input<typeof createBroadcastInput>;

export const updateBroadcastInput = z.object({
  channels: fields.channels.optional(),
  contactIds: fields.contactIds.optional(),
  groupIds: fields.groupIds.optional(),
  subject: fields.subject.optional(),
  content: fields.content.optional(),
  senderId: fields.senderId.optional(),
  smsAccountId: fields.smsAccountId.optional(),
  scheduledAt: fields.scheduledAt.optional(),
  expiresAt: fields.expiresAt.optional(),
  /** false schedules a draft; true takes a scheduled message back to draft. */
  draft: z.boolean().optional(),
});
export type UpdateBroadcastInput = z.input<typeof updateBroadcastInput>;

/** What the compose page asks before sending: who gets what. */
export const previewBroadcastInput = z.object({
  channels: fields.channels,
  contactIds: fields.contactIds.default([]),
  groupIds: fields.groupIds.default([]),
  subject: fields.subject.default(''),
  content: z.string().max(100_000).default(''),
  /** The SMS account whose segment limit applies; the default one when absent. */
  smsAccountId: fields.smsAccountId.optional(),
});
export type PreviewBroadcastInput = z.input<typeof previewBroadcastInput>;

export const broadcastPreview = z.object({
  /** Contacts once groups are expanded (each once). */
  contacts: z.number().int(),
  email: z.number().int(),
  sms: z.number().int(),
  /** Contacts that would get nothing, by reason code. */
  skipped: z.object({
    optedOut: z.number().int(),
    noAddress: z.number().int(),
    missingValue: z.number().int(),
    /** Emails to addresses on the organisation's suppression list (not sent: skipped). */
    suppressed: z.number().int(),
  }),
  unknownVariables: z.array(z.string()),
  /**
   * The SMS as typed (variables not yet filled in), with the STOP mention a group message gets:
   * its length and segments, and the SMS account's limit (more segments is refused at save).
   * Null without the SMS channel.
   */
  smsLength: z
    .object({
      segments: z.number().int(),
      encoding: z.enum(['GSM-7', 'UCS-2']),
      characters: z.number().int(),
      stopMention: z.string().nullable(),
      maxSegments: z.number().int(),
    })
    .nullable(),
});
export type BroadcastPreview = z.infer<typeof broadcastPreview>;

export const listBroadcastsQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(broadcastStatusEnum.enumValues)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListBroadcastsQuery = z.infer<typeof listBroadcastsQuery>;

export const listRecipientsQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(broadcastRecipientStatusEnum.enumValues)))
    .optional(),
  channel: z.enum(broadcastChannelEnum.enumValues).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.uuid().optional(),
});
export type ListRecipientsQuery = z.infer<typeof listRecipientsQuery>;

export const markAsReadInput = z
  .object({
    /** Every recipient row of this contact in the message (email and SMS). */
    contactId: z.uuid().optional(),
    recipientId: z.uuid().optional(),
    /** When it was read; now when absent. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((v) => v.contactId || v.recipientId, 'names contactId or recipientId');
export type MarkAsReadInput = z.input<typeof markAsReadInput>;

/** Rows never sent (skipped, failed, cancelled, still pending) are not marked: they never received it. */
export const notReceivedRows = z.array(
  z.object({
    recipientId: z.string(),
    channel: z.enum(broadcastChannelEnum.enumValues),
    status: z.enum(broadcastRecipientStatusEnum.enumValues),
    reason: z.string().nullable(),
  }),
);

export const markAsReadResult = z.object({
  /** Rows that took readAt now (a row already read keeps its first readAt). */
  marked: z.number().int(),
  notReceived: notReceivedRows,
});
export type MarkAsReadResult = z.infer<typeof markAsReadResult>;

export const broadcastSettingsInput = z.object({
  perPersonTracking: z.boolean().optional(),
  /** Appended to group messages' SMS ("STOP au 36180"); null or "" removes it. */
  smsStopMention: z
    .string()
    .trim()
    .max(60, 'is longer than 60 characters')
    .refine(noLineBreaks, 'contains a line break')
    .nullable()
    .optional(),
});
export type BroadcastSettingsInput = z.input<typeof broadcastSettingsInput>;

export const broadcastSettingsView = z.object({
  perPersonTracking: z.boolean(),
  smsStopMention: z.string().nullable(),
});
export type BroadcastSettingsView = z.infer<typeof broadcastSettingsView>;

export const periodStatsQuery = z.object({
  /** Days in the organisation's zone, inclusive (YYYY-MM-DD). Default: the last 30 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const broadcastView = z.object({
  id: z.string(),
  status: z.enum(broadcastStatusEnum.enumValues),
  channels: z.array(z.enum(broadcastChannelEnum.enumValues)),
  contactIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  subject: z.string(),
  content: z.string(),
  senderId: z.string().nullable(),
  smsAccountId: z.string().nullable(),
  scheduledAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  runId: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  expandedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type BroadcastView = z.infer<typeof broadcastView>;

export const recipientView = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  channel: z.enum(broadcastChannelEnum.enumValues),
  address: z.string().nullable(),
  name: z.string(),
  status: z.enum(broadcastRecipientStatusEnum.enumValues),
  reason: z.string().nullable(),
  outboxMessageId: z.string().nullable(),
  smsId: z.string().nullable(),
  sentAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  readAt: z.date().nullable(),
  humanOpens: z.number().int(),
  machineOpens: z.number().int(),
});
export type RecipientView = z.infer<typeof recipientView>;

export const channelCounts = z.object({
  recipients: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
  /**
   * Recipients who read it (their first human open with per-person tracking, or mark-as-read),
   * among those sent: never more than `sent`.
   */
  readHuman: z.number().int(),
  /** Recipients (among those sent) whose copy a machine opened: Apple Mail Privacy Protection, link scanners. */
  readMachine: z.number().int(),
  /** Every human open of the pixel, per person or counted without a person (tracking off): opens, not people. */
  opensHuman: z.number().int(),
  /** Every machine open, the same way. */
  opensMachine: z.number().int(),
});
export type ChannelCounts = z.infer<typeof channelCounts>;

export const broadcastStats = z.object({
  email: channelCounts,
  sms: channelCounts,
});
export type BroadcastStats = z.infer<typeof broadcastStats>;

export const periodStats = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  messages: z.number().int(),
  totals: broadcastStats,
  days: z.array(z.object({ day: z.string() }).extend(broadcastStats.shape)),
});
export type PeriodStats = z.infer<typeof periodStats>;
