import { z } from 'zod';
import { invoiceStatusEnum } from '../db/schema/invoices';

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Recipients as written in a manifest cell: addresses separated by `;` or `,`. */
export function splitRecipients(cell: string): string[] {
  return cell
    .split(/[;,]/)
    .map((a) => a.trim())
    .filter(Boolean);
}

const address = z.email({ error: (issue) => `bad address "${String(issue.input)}"` });

/** One manifest row, after its header was mapped to these names. */
export const invoiceRow = z.object({
  clientCode: z
    .string({ error: 'client code is missing' })
    .trim()
    .min(1, 'client code is missing')
    .max(64, 'client code is longer than 64 characters')
    .refine(noLineBreaks, 'client code contains a line break'),
  clientName: z
    .string({ error: 'client name is missing' })
    .trim()
    .min(1, 'client name is missing')
    .max(200, 'client name is longer than 200 characters')
    .refine(noLineBreaks, 'client name contains a line break'),
  period: z
    .string({ error: 'period is missing' })
    .trim()
    .regex(PERIOD, { error: (issue) => `bad period "${String(issue.input)}" (expected YYYY-MM)` }),
  recipients: z
    .string({ error: 'recipients are missing' })
    .transform(splitRecipients)
    .pipe(
      z
        .array(address)
        .min(1, 'no recipient')
        .max(50, 'more than 50 recipients')
        .transform((list) => [...new Set(list.map((a) => a.toLowerCase()))]),
    ),
  fileName: z
    .string({ error: 'file name is missing' })
    .trim()
    .min(1, 'file name is missing')
    .max(255, 'file name is longer than 255 characters')
    .refine(noLineBreaks, 'file name contains a line break'),
});
export type InvoiceRow = z.infer<typeof invoiceRow>;

export const importError = z.object({
  /** The line of the CSV manifest (its header is line 1), or 0 for the upload as a whole. */
  row: z.number().int(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importError>;

export const importResult = z.object({ imported: z.number().int(), errors: z.array(importError) });

const importColumn = z.enum(['clientCode', 'clientName', 'period', 'recipients', 'fileName']);

/** One manifest row as the preview shows it: its cells, and what is wrong (column, cell, why). */
export const checkedRow = z.object({
  row: z.number().int(),
  values: z.partialRecord(importColumn, z.string()),
  problems: z.array(
    z.object({ field: importColumn.nullable(), value: z.string().nullable(), message: z.string() }),
  ),
});
export type CheckedRow = z.infer<typeof checkedRow>;

export const importPreview = z.object({
  rows: z.array(checkedRow),
  good: z.number().int(),
  bad: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreview>;
export type ImportResult = z.infer<typeof importResult>;

/** Filters shared by the invoice list and bulk runs. */
export const invoiceFilters = z.object({
  clientCode: z.string().trim().max(64).optional(),
  period: z
    .string()
    .trim()
    .regex(PERIOD, 'is YYYY-MM')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: z
    .enum(invoiceStatusEnum.enumValues)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type InvoiceFilters = z.infer<typeof invoiceFilters>;

export const listInvoicesQuery = invoiceFilters.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});

/** An invoice as the API and pages show it (never the PDF bytes). */
export const invoiceView = z.object({
  id: z.uuid(),
  clientCode: z.string(),
  clientName: z.string(),
  period: z.string(),
  recipients: z.array(z.string()),
  fileName: z.string(),
  pdfSize: z.number().int(),
  status: z.enum(invoiceStatusEnum.enumValues),
  failureReason: z.string().nullable(),
  sentAt: z.date().nullable(),
  lastRunId: z.uuid().nullable(),
  createdAt: z.date(),
});
export type InvoiceView = z.infer<typeof invoiceView>;

/** An imported invoice corrected by hand ("fix the address"): its client name and recipients. */
export const updateInvoiceInput = z.object({
  clientName: invoiceRow.shape.clientName.optional(),
  /** As in the manifest: addresses separated by `;` or `,`. */
  recipients: invoiceRow.shape.recipients.optional(),
});
export type UpdateInvoiceInput = z.input<typeof updateInvoiceInput>;
