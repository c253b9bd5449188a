// Subject and body templates of a bulk invoice run: `{clientCode}`, `{clientName}`, `{period}` and
// `{fileName}` are replaced by the invoice's values; any other `{word}` is refused up front.
import type { Invoice } from '../db/schema/invoices';

export const TEMPLATE_VARIABLES = ['clientCode', 'clientName', 'period', 'fileName'] as const;
type Variable = (typeof TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{(\w+)\}/g;

/** Names used in a template that are not variables (empty when the template is fine). */
export function unknownVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
}

export function renderInvoiceTemplate(template: string, invoice: Pick<Invoice, Variable>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (TEMPLATE_VARIABLES as readonly string[]).includes(name) ? invoice[name as Variable] : whole,
  );
}
