// Writes CSV the way spreadsheets open it: a BOM so Excel reads UTF-8, CRLF line ends, and cells
// quoted when they hold the delimiter, a quote, a line break, `;` or a tab (so a file opened with
// French Excel's `;` separator does not split a cell either). A cell starting with = + - @, a tab
// or CR would be run as a formula by Excel and LibreOffice (CSV injection: a contact named
// `=HYPERLINK(…)` exported by one user and opened by another); it is written with a leading `'`,
// which spreadsheets show as text, and which readCsv removes again so an export imports back
// unchanged.
import { stringify } from 'csv-stringify/sync';

export function writeCsv(rows: string[][]): string {
  return stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    quoted_match: /[;\t]/,
  });
}

/** The inverse of writeCsv's formula escape, for readCsv. */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
