// The shared inbox at the edges: the list query, a message as listed and as read, its
// attachments, and quarantined messages.
import { z } from 'zod';
import { badRequest } from '../api/errors';
import { inboxAutomaticKindEnum } from '../db/schema/inbox';

const optionalId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a valid id')
  .optional();

export const listMessagesQuery = z.object({
  /** Only this mailbox's messages. */
  integrationId: optionalId,
  /** Words to find in the subject, the sender, the recipients or the text. */
  q: z.string().trim().max(200, 'is at most 200 characters').optional(),
  /** `true`: only unread messages. */
  unread: z.enum(['true', 'false']).optional(),
  /** Only the messages of one conversation (a message's `threadKey`). */
  threadKey: z.string().max(1000).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMessagesQuery = z.input<typeof listMessagesQuery>;

export const addressView = z.object({ name: z.string(), address: z.string() });

export const messageSummaryView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  folder: z.string(),
  subject: z.string(),
  from: addressView,
  to: z.array(addressView),
  /** The Date header; null when missing or unreadable. */
  date: z.date().nullable(),
  /** When the mailbox received it (lists are sorted by this, newest first). */
  receivedAt: z.date(),
  snippet: z.string(),
  seen: z.boolean(),
  hasAttachments: z.boolean(),
  threadKey: z.string(),
  size: z.number(),
  /**
   * `bounce` (a delivery status notification of a failure), `delivery-report` (one that says the
   * message was delivered, relayed or expanded) or `auto-reply` (out of office…); null for mail a
   * person wrote.
   */
  automatic: z.enum(inboxAutomaticKindEnum.enumValues).nullable(),
  /** The Message-ID header (null when the message has none). */
  messageId: z.string().nullable(),
});
export type MessageSummaryView = z.infer<typeof messageSummaryView>;

export const attachmentView = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  inline: z.boolean(),
  contentId: z.string().nullable(),
  /** GET it with the same credentials to download the file. */
  url: z.string(),
});

/** One place the server holds the message (or held it: `goneAt` says when it was deleted or moved away). */
export const messageLocationView = z.object({
  folder: z.string(),
  uidValidity: z.number(),
  uid: z.number(),
  foundAt: z.date(),
  goneAt: z.date().nullable(),
});

export const messageView = messageSummaryView.extend({
  /** Set when the server no longer has it anywhere: it is out of the shared inbox lists. */
  removedAt: z.date().nullable(),
  /** Every folder it was found in (the same message in INBOX and an archive folder is one message). */
  locations: z.array(messageLocationView),
  cc: z.array(addressView),
  replyTo: z.array(addressView),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  text: z.string().nullable(),
  /** The HTML body sanitised (no scripts, no remote images); show it in a sandboxed iframe. */
  html: z.string().nullable(),
  attachments: z.array(attachmentView),
  /** What a bounce or delivery report says per recipient, and the outbox message it was matched to. */
  bounce: z
    .object({
      originalMessageId: z.string().nullable(),
      recipients: z.array(
        z.object({
          address: z.string(),
          hard: z.boolean(),
          status: z.string().nullable(),
          diagnostic: z.string().nullable(),
          /** `delivered`: the report says this recipient got it (absent: failed or delayed). */
          outcome: z.literal('delivered').optional(),
        }),
      ),
      outboxMessageId: z.uuid().nullable(),
    })
    .nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export const setSeenInput = z.object({ seen: z.boolean() });

export const listQuarantineQuery = z.object({
  integrationId: optionalId,
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuarantineQuery = z.input<typeof listQuarantineQuery>;

export const listRemovedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRemovedQuery = z.input<typeof listRemovedQuery>;

/** A location the server no longer has: the message deleted there, or moved to `stillIn`. */
export const removedLocationView = z.object({
  messageId: z.uuid(),
  folder: z.string(),
  goneAt: z.iso.datetime(),
  subject: z.string(),
  fromName: z.string(),
  fromAddress: z.string(),
  stillIn: z.array(z.string()),
});
export type RemovedLocationView = z.infer<typeof removedLocationView>;

export const quarantinedView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  folder: z.string(),
  uid: z.number(),
  /** Why it could not be imported. */
  error: z.string(),
  rawSize: z.number(),
  subject: z.string(),
  from: z.string(),
  receivedAt: z.date().nullable(),
  createdAt: z.date(),
  /** Where to download the message as fetched; null when it was too large to fetch. */
  rawUrl: z.string().nullable(),
});
export type QuarantinedView = z.infer<typeof quarantinedView>;

/** Keyset pagination: newest first by (time, id). */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime()))
      throw new Error();
    return { at: date, id };
  } catch {
    throw badRequest('Invalid query: cursor is not a cursor this API returned', [
      { path: 'cursor', message: 'is not a cursor this API returned' },
    ]);
  }
}
