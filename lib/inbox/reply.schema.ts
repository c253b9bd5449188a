// Replying to and forwarding a message of the shared inbox, at its boundaries (REST body, the
// editor's server action). Recipients absent: the right ones are worked out from the original
// (reply: its Reply-To or sender; reply all: those and every other recipient, less the mailbox
// itself). The quoted original is added below the body unless `quote` is false.
import { z } from 'zod';
import { addressInput, attachmentInput } from '../outbox/message.schema';

const addresses = z.array(addressInput).max(500, 'has at most 500 addresses');

const common = {
  cc: addresses.optional(),
  bcc: addresses.optional(),
  /** Absent: `Re: <subject>` / `Fwd: <subject>`. */
  subject: z
    .string()
    .max(998)
    .refine((v) => !/[\r\n]/.test(v), 'must not contain line breaks')
    .optional(),
  text: z.string().max(5_000_000, 'is at most 5,000,000 characters').default(''),
  html: z.string().max(10_000_000, 'is at most 10,000,000 characters').optional(),
  attachments: z.array(attachmentInput).max(100, 'has at most 100 files').optional(),
  /** Add the original below the body (text and sanitised HTML). */
  quote: z.boolean().default(true),
  /** `en` or `fr`: the language of the "On …, … wrote:" line (default: the organisation's). */
  locale: z.enum(['en', 'fr']).optional(),
};

export const replyInput = z
  .object({
    /** Reply to every recipient of the original, not only its sender. */
    all: z.boolean().default(false),
    to: addresses.optional(),
    ...common,
  })
  .strict();
export type ReplyInput = z.input<typeof replyInput>;

export const forwardInput = z
  .object({
    to: addresses.min(1, 'needs at least one recipient'),
    /** Keep the original's attachments (default: yes). */
    includeAttachments: z.boolean().default(true),
    ...common,
  })
  .strict();
export type ForwardInput = z.input<typeof forwardInput>;

export const replySentView = z.object({
  /** The outbox message (follow it with GET /api/v1/messages/{id}). */
  id: z.uuid(),
  status: z.string(),
  messageId: z.string(),
  to: z.array(z.object({ address: z.string(), name: z.string().optional() })),
  cc: z.array(z.object({ address: z.string(), name: z.string().optional() })),
  subject: z.string(),
  senderId: z.uuid(),
});
export type ReplySentView = z.infer<typeof replySentView>;
