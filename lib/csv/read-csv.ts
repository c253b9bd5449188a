// Reads an uploaded CSV the way spreadsheets write them (`;`, `,` or tab, a BOM, quoted cells over
// several lines) into records that each know the line they start on, so imports can report a bad
// row by the line a user sees in their editor. Shared by the invoice and contact imports.
import { parse } from 'csv-parse/sync';
import { unprocessable } from '../api/errors';
import { unescapeFormula } from './write-csv';

export type CsvRecord = { line: number; record: string[] };

export function readCsv(text: string, what: string): { header: string[]; rows: CsvRecord[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  let records: { record: string[]; raw: string; info: { bytes: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; raw: string; info: { bytes: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw unprocessable(
      `${what} cannot be read${line ? ` at line ${line}` : ''}: ${(error as Error).message}`,
    );
  }
  const [header, ...rows] = records;
  if (!header) throw unprocessable(`${what} is empty.`);
  const lineAt = lineOfOffset(text);
  return {
    header: header.record.map(unescapeFormula),
    rows: rows.map(({ record, raw, info }) => {
      // A row is reported by its first line, even when a quoted cell spans several: `info.bytes`
      // is where the row ends, its raw text (with the blank lines skipped before it) what it took.
      const leading = /^[\r\n]*/.exec(raw)![0].length;
      return {
        line: lineAt(info.bytes - Buffer.byteLength(raw) + leading),
        record: record.map(unescapeFormula),
      };
    }),
  };
}

/** A header cell compared lowercase, accents and punctuation dropped: "Prénom" → "prenom". */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The 1-based line holding a byte offset of `text` (UTF-8), by binary search over line breaks. */
function lineOfOffset(text: string): (offset: number) => number {
  const bytes = Buffer.from(text);
  const breaks: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) breaks.push(i);
  }
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** The separator: whichever of `;`, `,` or tab the header line uses most. */
function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}
