// Invoice import: a CSV manifest (client code, client name, period, recipients, file name) and the
// PDFs it names. Every row is checked on its own; the good ones are stored together in one
// transaction, the bad ones come back as `{ row, message }` and nothing of them is stored.
import { and, inArray } from 'drizzle-orm';
import { safeParseInput, unprocessable } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import { headerKey, readCsv } from '../csv/read-csv';
import type { Db, DbOrTx } from '../db/client';
import { invoices } from '../db/schema/invoices';
import { inOrg } from '../db/scoped';
import { storeFiles } from '../files/store-files';
import { HEADER_ALIASES } from './invoice-columns';
import {
  type CheckedRow,
  type ImportError,
  type ImportResult,
  type InvoiceRow,
  invoiceRow,
} from './invoices.schema';
import {
  MAX_PDF_BYTES,
  type UnzippedUpload,
  type Upload,
  unpackInvoiceUpload,
} from './unpack-invoice-upload';

type Field = keyof InvoiceRow;

const INSERT_CHUNK = 50;

export async function importInvoices(
  db: Db,
  ctx: OrgContext,
  uploads: (Upload | UnzippedUpload)[],
): Promise<ImportResult> {
  const { rows, good } = await checkInvoiceUpload(uploads);
  const errors: ImportError[] = rows
    .filter((r) => r.problems.length > 0)
    .map((r) => ({ row: r.row, message: r.problems.map((p) => p.message).join('; ') }));
  const imported = await db.transaction(async (tx) => {
    // Invoices imported before: each (client, period) exists once per organisation.
    const existing = await alreadyImported(tx, ctx, good);
    let count = 0;
    const fresh = good.filter((g) => {
      if (!existing.has(`${g.row.clientCode}\u0000${g.row.period}`)) return true;
      errors.push({
        row: g.line,
        message: `duplicate: an invoice for ${g.row.clientCode} ${g.row.period} was already imported`,
      });
      return false;
    });
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const chunk = fresh.slice(i, i + INSERT_CHUNK);
      // The PDFs go to the file store (once per content); the invoices, and later their emails, refer to them.
      const fileIds = await storeFiles(
        tx,
        ctx,
        chunk.map((g) => g.pdf),
      );
      const inserted = await tx
        .insert(invoices)
        .values(
          chunk.map(({ row, pdf }, k) => ({
            orgId: ctx.orgId,
            ...row,
            fileId: fileIds[k]!,
            pdfSize: pdf.byteLength,
          })),
        )
        // A concurrent import of the same (client, period) wins; this row is reported, not stored.
        .onConflictDoNothing({ target: [invoices.orgId, invoices.clientCode, invoices.period] })
        .returning({ clientCode: invoices.clientCode, period: invoices.period });
      const stored = new Set(inserted.map((r) => `${r.clientCode}\u0000${r.period}`));
      for (const g of chunk) {
        if (stored.has(`${g.row.clientCode}\u0000${g.row.period}`)) count++;
        else
          errors.push({
            row: g.line,
            message: `duplicate: an invoice for ${g.row.clientCode} ${g.row.period} was already imported`,
          });
      }
    }
    return count;
  });

  errors.sort((a, b) => a.row - b.row);
  return { imported, errors };
}

type Good = { line: number; row: InvoiceRow; pdf: Uint8Array };

/**
 * Every row of the manifest with what is wrong with it (each problem naming its column and the
 * cell's value), and the good rows with their PDFs. Reads nothing from the database.
 */
export async function checkInvoiceUpload(
  uploads: (Upload | UnzippedUpload)[],
): Promise<{ rows: CheckedRow[]; good: Good[] }> {
  const { manifest, files } = await unpackInvoiceUpload(uploads);
  const lines = readManifest(manifest);
  const rows: CheckedRow[] = [];
  const good: Good[] = [];
  const seen = new Map<string, number>();
  const lookup = fileLookup(files);

  for (const { line, values } of lines) {
    const checked: CheckedRow = { row: line, values, problems: [] };
    rows.push(checked);
    const parsed = safeParseInput(invoiceRow, values);
    if (!parsed.success) {
      const said = new Set<string>();
      for (const issue of parsed.error.issues) {
        if (said.has(issue.message)) continue;
        said.add(issue.message);
        const field = (issue.path[0] as Field | undefined) ?? null;
        checked.problems.push({
          field,
          value: field ? (values[field] ?? null) : null,
          message: issue.message,
        });
      }
      continue;
    }
    const row = parsed.data;
    const file = lookup(row.fileName);
    if ('error' in file) {
      checked.problems.push({ field: 'fileName', value: values.fileName ?? null, message: file.error });
      continue;
    }
    const key = `${row.clientCode}\u0000${row.period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      checked.problems.push({
        field: 'clientCode',
        value: values.clientCode ?? null,
        message: `duplicate: ${row.clientCode} ${row.period} is already on row ${earlier}`,
      });
      continue;
    }
    seen.set(key, line);
    good.push({ line, row: { ...row, fileName: baseName(row.fileName) }, pdf: file.content });
  }
  return { rows, good };
}

/** The (client, period) pairs among these rows that the organisation already has. */
export async function alreadyImported(db: DbOrTx, ctx: OrgContext, good: { row: InvoiceRow }[]) {
  const codes = [...new Set(good.map((g) => g.row.clientCode))];
  const existing = new Set<string>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await db
      .select({ clientCode: invoices.clientCode, period: invoices.period })
      .from(invoices)
      .where(and(inOrg(invoices, ctx), inArray(invoices.clientCode, codes.slice(i, i + 1000))));
    for (const r of rows) existing.add(`${r.clientCode}\u0000${r.period}`);
  }
  return existing;
}

type ManifestLine = { line: number; values: Partial<Record<Field, string>> };

function readManifest(text: string): ManifestLine[] {
  const { header, rows } = readCsv(text, 'The CSV manifest');
  const columns = mapHeader(header);
  return rows.map(({ record, line }) => {
    const values: Partial<Record<Field, string>> = {};
    for (const [field, index] of Object.entries(columns) as [Field, number][]) {
      const cell = record[index];
      if (cell !== undefined && cell.trim() !== '') values[field] = cell;
    }
    return { line, values };
  });
}

function mapHeader(header: string[]): Record<Field, number> {
  const normalised = header.map((h) => headerKey(h).replace(/[0-9]/g, ''));
  const columns: Partial<Record<Field, number>> = {};
  const missing: string[] = [];
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, string[]][]) {
    const index = normalised.findIndex((h) => aliases.includes(h));
    if (index === -1) missing.push(field);
    else columns[field] = index;
  }
  if (missing.length) {
    throw unprocessable(
      `The CSV manifest's first line must name its columns: client_code, client_name, period, recipients, file_name (missing: ${missing.join(', ')}).`,
    );
  }
  return columns as Record<Field, number>;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * Finds the PDF a row names: by its exact path in the upload, else by its file name when only one
 * file has it (ZIPs often keep each client's invoice in a folder of its own, with the same name).
 */
function fileLookup(files: Map<string, Uint8Array>) {
  const byBase = new Map<string, string[]>();
  for (const path of files.keys()) {
    const base = baseName(path).toLowerCase();
    byBase.set(base, [...(byBase.get(base) ?? []), path]);
  }
  return (name: string): { content: Uint8Array } | { error: string } => {
    const normalised = name.replace(/\\/g, '/').replace(/^\.?\//, '');
    let path: string | undefined = files.has(normalised) ? normalised : undefined;
    if (!path) {
      const candidates = byBase.get(baseName(normalised).toLowerCase()) ?? [];
      if (candidates.length > 1) {
        return { error: `file name ${name} matches several files (${candidates.join(', ')}): give its path` };
      }
      path = candidates[0];
    }
    if (!path) return { error: `unknown file ${name} (not in the upload)` };
    const content = files.get(path)!;
    if (content.byteLength > MAX_PDF_BYTES) {
      return { error: `file ${name} is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB` };
    }
    if (!looksLikePdf(content)) return { error: `file ${name} is not a PDF` };
    return { content };
  };
}

/** PDF readers accept the `%PDF-` signature anywhere in the first kilobyte. */
function looksLikePdf(content: Uint8Array): boolean {
  return Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, 1024)).includes(
    '%PDF-',
  );
}
