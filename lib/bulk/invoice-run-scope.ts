// What an invoice run was started on, read back from its stored parameters: validated, not cast,
// since parameters written by an older version may lack a field.
import { z } from 'zod';

const storedFilters = z
  .object({
    clientCode: z.string().optional().catch(undefined),
    period: z.string().optional().catch(undefined),
    status: z.enum(['never_sent', 'sent', 'failed']).optional().catch(undefined),
  })
  .catch({});

export type InvoiceRunScope = z.infer<typeof storedFilters>;

export function invoiceRunScope(params: Record<string, unknown>): InvoiceRunScope {
  return storedFilters.parse(params.filters ?? {});
}
