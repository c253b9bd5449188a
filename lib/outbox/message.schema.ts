// What a message to send looks like at every boundary (REST body, compose form, other features),
// and how the API shows one. Header values — subject, names, custom headers, file names — refuse
// CR/LF, so nothing a caller sends can add a header line.
import { detectMimeType } from 'nodemailer/lib/mime-funcs';
import { z } from 'zod';
import { channelEnum, deliveryEventKindEnum, messageQueueEnum, messageStatusEnum } from '../db/schema/outbox';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_BATCH = 1000;
/** How far in the past a sendAt may be (clock skew, slow networks) before it is refused. */
export const SEND_AT_TOLERANCE_MS = 60_000;

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);
const headerText = (max: number) =>
  z.string().max(max, `is at most ${max} characters`).refine(noLineBreaks, 'must not contain line breaks');

const email = z.email('is not a valid email address').max(254, 'is at most 254 characters');

const strictAddress = z.object({ address: email, name: headerText(200).optional() });

/** `"Name <a@b.example>"`, `"a@b.example"` or `{ address, name? }`, always to `{ address, name? }`. */
export const addressInput = z
  .union([
    z.string().transform(parseAddress),
    z.object({ address: z.string(), name: z.string().optional() }).strict(),
  ])
  .pipe(strictAddress);

function parseAddress(value: string): { address: string; name?: string } {
  const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>]+)>\s*$/.exec(value);
  const name = m?.[1]?.trim();
  return name ? { address: m![2]!.trim(), name } : { address: (m ? m[2]! : value).trim() };
}

type AddressIn = z.input<typeof addressInput>;

/** One address or a list of them; errors point at the bad one (`to.1.address`). */
const addressList = (
  z.preprocess(
    (v) => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(addressInput).max(500, 'has at most 500 addresses'),
  ) as unknown as z.ZodType<z.output<typeof strictAddress>[], AddressIn | AddressIn[]>
).optional();

const FORBIDDEN_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'reply-to',
  'sender',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'return-path',
]);

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,76}$/, 'is not a valid header name')
  .refine((n) => !FORBIDDEN_HEADERS.has(n.toLowerCase()), 'is set by Mailroom and cannot be given');

const dateInput = z
  .union([
    z.iso.datetime({ offset: true, message: 'is not an ISO 8601 date-time with a time zone' }),
    z.date(),
  ])
  .transform((v) => new Date(v));

export const attachmentInput = z
  .object({
    filename: headerText(255).pipe(z.string().min(1, 'is required')),
    contentType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a MIME type like application/pdf')
      .optional(),
    /** The file's bytes, base64-encoded. */
    content: z.base64('is not valid base64'),
    /** Makes it an inline image the HTML can show as `cid:<contentId>`. */
    contentId: headerText(200).optional(),
  })
  .strict();

export const messageInput = z
  .object({
    /** The sender account; the organisation's default one when absent. */
    senderId: z.string().optional(),
    to: addressList,
    cc: addressList,
    bcc: addressList,
    replyTo: email.optional(),
    subject: headerText(998).default(''),
    text: z.string().max(5_000_000, 'is at most 5,000,000 characters').optional(),
    html: z.string().max(10_000_000, 'is at most 10,000,000 characters').optional(),
    headers: z.record(headerName, headerText(998)).optional(),
    attachments: z.array(attachmentInput).max(100, 'has at most 100 files').optional(),
    /** When to send; absent means now. */
    sendAt: dateInput.optional(),
    /** Not sent after this time (default for scheduled messages: 24 h after sendAt). */
    expiresAt: dateInput.optional(),
    /** The same key within 24 hours returns the first message instead of making another. */
    idempotencyKey: z
      .string()
      .min(1)
      .max(255)
      .refine(noLineBreaks, 'must not contain line breaks')
      .optional(),
    queue: z.enum(messageQueueEnum.enumValues).optional(),
  })
  // Unknown fields are refused (the body's others are, through readJson; a message's are here).
  .strict()
  .superRefine((m, ctx) => {
    if ((m.to?.length ?? 0) + (m.cc?.length ?? 0) + (m.bcc?.length ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'needs at least one recipient (to, cc or bcc)' });
    }
    if (!m.text?.trim() && !m.html?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a message needs a text or an HTML body' });
    }
  });
export type MessageInput = z.input<typeof messageInput>;
export type ParsedMessage = z.output<typeof messageInput>;

/**
 * A file already in the organisation's store (lib/files), attached by reference: library callers
 * only (a bulk run attaches its invoices' PDFs this way instead of copying them).
 */
export const storedAttachmentsInput = z
  .array(
    z.object({
      filename: headerText(255).pipe(z.string().min(1, 'is required')),
      contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a MIME type like application/pdf'),
      fileId: z.uuid('is not a file id'),
    }),
  )
  .max(100, 'has at most 100 files');
export type StoredAttachmentRef = z.output<typeof storedAttachmentsInput>[number];
/** What enqueueMessage takes: a message as the API accepts it, plus stored files to attach. */
export type EnqueueInput = MessageInput & { storedAttachments?: StoredAttachmentRef[] };

/** POST /api/v1/messages: one message, or `{ "messages": [...] }` of up to 1,000. */
export const enqueueBody = z.union([
  z.object({ messages: z.array(z.unknown()).min(1, 'needs at least one message').max(MAX_BATCH) }),
  z.record(z.string(), z.unknown()),
]);

export function attachmentContentType(filename: string, given?: string): string {
  return given ?? (detectMimeType(filename) || 'application/octet-stream');
}

const addressView = z.object({ address: z.string(), name: z.string().optional() });

export const enqueuedView = z.object({
  id: z.uuid(),
  status: z.enum(messageStatusEnum.enumValues),
  messageId: z.string(),
  sendAt: z.date(),
  /**
   * Why it will not be sent, when it was refused as it was queued (`status: failed`: every
   * recipient on the suppression list…); null otherwise. The per-recipient detail is in the GET.
   */
  lastError: z.string().nullable(),
  /** True when an idempotency key matched an earlier message, which is returned instead. */
  duplicate: z.boolean(),
});
export type EnqueuedMessage = z.infer<typeof enqueuedView>;

export const messageView = z.object({
  id: z.uuid(),
  /** `sms`: `to` is the phone number, the subject is empty; GET /api/v1/sms/{id} shows its text. */
  channel: z.enum(channelEnum.enumValues),
  status: z.enum(messageStatusEnum.enumValues),
  queue: z.enum(messageQueueEnum.enumValues),
  senderId: z.uuid(),
  runId: z.uuid().nullable(),
  from: addressView,
  to: z.array(addressView),
  cc: z.array(addressView),
  bcc: z.array(addressView),
  subject: z.string(),
  messageId: z.string(),
  providerMessageId: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  sendAt: z.date(),
  expiresAt: z.date().nullable(),
  nextAttemptAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  attachmentCount: z.number().int(),
  idempotencyKey: z.string().nullable(),
  retryOf: z.uuid().nullable(),
  /** Recipients the suppression list kept this message from, with the list entry's reason. */
  suppressed: z.array(
    z.object({ address: z.string(), reason: z.string(), detail: z.string().nullable(), since: z.string() }),
  ),
  createdAt: z.date(),
});
export type MessageView = z.infer<typeof messageView>;

export const attemptView = z.object({
  number: z.number().int(),
  outcome: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  smtpCode: z.number().int().nullable(),
  response: z.string().nullable(),
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
});

export const messageDetailView = messageView.extend({
  replyTo: z.string().nullable(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(
    z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number().int() }),
  ),
});

/** What happened after the final status: a bounce read from a mailbox, a provider's report… */
export const deliveryEventView = z.object({
  kind: z.enum(deliveryEventKindEnum.enumValues),
  recipient: z.string().nullable(),
  at: z.date(),
  detail: z.string().nullable(),
  source: z.string(),
});

/** GET /api/v1/messages/{id}: the message, each attempt to send it, and its delivery events. */
export const messageWithAttemptsView = z.object({
  message: messageDetailView,
  attempts: z.array(attemptView),
  events: z.array(deliveryEventView),
});

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(messageStatusEnum.enumValues)));

export const listMessagesQuery = z.object({
  status: statusList.optional(),
  queue: z.enum(messageQueueEnum.enumValues).optional(),
  senderId: z.uuid().optional(),
  runId: z.uuid().optional(),
  /** Matches the subject or a recipient's address. */
  q: z.string().max(200).optional(),
  /** From the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMessagesFilter = z.output<typeof listMessagesQuery>;

export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const statsView = z.object({
  byStatus: z.record(z.enum(messageStatusEnum.enumValues), z.number().int()),
  byDay: z.array(
    z.object({
      date: z.string(),
      created: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
    }),
  ),
});

/** The fields of a scheduled message that may still change (PATCH /api/v1/messages/{id}). */
export const editScheduledInput = z
  .object({
    to: addressList,
    cc: addressList,
    bcc: addressList,
    replyTo: email.nullable().optional(),
    subject: headerText(998).optional(),
    text: z.string().max(5_000_000).nullable().optional(),
    html: z.string().max(10_000_000).nullable().optional(),
    headers: z.record(headerName, headerText(998)).optional(),
    sendAt: dateInput.optional(),
    expiresAt: dateInput.nullable().optional(),
  })
  .strict();
export type EditScheduledInput = z.input<typeof editScheduledInput>;

/**
 * POST /api/v1/messages/{id}/retry, optional body: when the copy of a failed, expired or cancelled
 * message goes out — absent keeps a cancelled message's time still ahead, `null` sends it now.
 */
export const retryInput = z.object({ sendAt: dateInput.nullable().optional() });
