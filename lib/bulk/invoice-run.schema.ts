import { z } from 'zod';
import { invoiceFilters } from './invoices.schema';
import { TEMPLATE_VARIABLES, unknownVariables } from './render-invoice-template';

const template = (what: string, max: number) =>
  z
    .string({ error: 'is required' })
    .max(max, `is at most ${max} characters`)
    .refine((v) => v.trim().length > 0, 'is required')
    .superRefine((value, ctx) => {
      const unknown = unknownVariables(value);
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} uses unknown variable${unknown.length > 1 ? 's' : ''} ${unknown
            .map((u) => `{${u}}`)
            .join(', ')}; available: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
        });
      }
    });

/** A bulk invoice send: which invoices (filters), from which account, with what words. */
export const invoiceRunInput = z.object({
  kind: z.literal('invoices'),
  senderId: z.uuid('is not a sender id'),
  filters: invoiceFilters.default({}),
  subject: template('the subject', 500).refine((v) => !/[\r\n]/.test(v), 'must be one line'),
  body: template('the body', 100_000),
});
export type InvoiceRunInput = z.infer<typeof invoiceRunInput>;

/** What a run keeps of its input to render its emails again (a retry of the failed ones). */
export const runTemplate = invoiceRunInput.pick({ senderId: true, subject: true, body: true });
export type RunTemplate = z.infer<typeof runTemplate>;

/** What the send form shows before Start: counts and one rendered example. */
export const invoiceRunPreview = z.object({
  invoices: z.number().int(),
  recipients: z.number().int(),
  example: z
    .object({
      clientCode: z.string(),
      period: z.string(),
      to: z.array(z.string()),
      subject: z.string(),
      body: z.string(),
      fileName: z.string(),
    })
    .nullable(),
});
export type InvoiceRunPreview = z.infer<typeof invoiceRunPreview>;

export const invoiceRunPreviewInput = invoiceRunInput.omit({ kind: true, senderId: true }).extend({
  senderId: z.uuid().optional(),
});
