// The import's preview: every row of the manifest, each bad one with its column, cell value and
// reason, and how many would be stored. It stores nothing; the import itself (import-invoices.ts)
// checks the same way when the user confirms, so what was previewed is what is stored.
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { alreadyImported, checkInvoiceUpload } from './import-invoices';
import type { ImportPreview } from './invoices.schema';
import type { UnzippedUpload, Upload } from './unpack-invoice-upload';

export async function previewInvoiceImport(
  db: DbOrTx,
  ctx: OrgContext,
  uploads: (Upload | UnzippedUpload)[],
): Promise<ImportPreview> {
  const { rows, good } = await checkInvoiceUpload(uploads);
  const existing = await alreadyImported(db, ctx, good);
  for (const g of good) {
    if (!existing.has(`${g.row.clientCode}\u0000${g.row.period}`)) continue;
    const row = rows.find((r) => r.row === g.line)!;
    row.problems.push({
      field: 'clientCode',
      value: row.values.clientCode ?? null,
      message: `duplicate: an invoice for ${g.row.clientCode} ${g.row.period} was already imported`,
    });
  }
  const bad = rows.filter((r) => r.problems.length > 0).length;
  return { rows, good: rows.length - bad, bad };
}
