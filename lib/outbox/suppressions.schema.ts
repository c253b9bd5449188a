// The suppression list at its boundaries: what the REST API and the settings page take and show.
import { z } from 'zod';
import { suppressionReasonEnum } from '../db/schema/suppressions';

export const suppressionView = z.object({
  id: z.uuid(),
  address: z.string(),
  reason: z.enum(suppressionReasonEnum.enumValues),
  /** `inbox` (a bounce read from a mailbox), `webhook:<provider>`, `ui` or `api`. */
  source: z.string(),
  detail: z.string().nullable(),
  /** The outbox message whose bounce put it there. */
  messageId: z.uuid().nullable(),
  createdAt: z.date(),
});
export type SuppressionView = z.infer<typeof suppressionView>;

export const addSuppressionInput = z
  .object({
    /** An email address (stored lowercased) or an E.164 phone number. */
    address: z
      .string()
      .trim()
      .max(320, 'is at most 320 characters')
      .refine(
        (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^\+[1-9]\d{6,14}$/.test(v),
        'is not an email address or an E.164 phone number',
      )
      .transform((v) => v.toLowerCase()),
    reason: z.enum(suppressionReasonEnum.enumValues).default('manual'),
    detail: z.string().trim().max(2000, 'is at most 2,000 characters').optional(),
  })
  .strict();
export type AddSuppressionInput = z.input<typeof addSuppressionInput>;

export const listSuppressionsQuery = z.object({
  /** Part of the address. */
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** From the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});
