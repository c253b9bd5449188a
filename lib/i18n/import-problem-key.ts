// An invoice import refuses a row with English predicates (lib/bulk/invoices.schema.ts,
// lib/bulk/import-invoices.ts; the REST API returns them as they are). The import page reads each
// one back into a catalogue key of `importProblems` so a French user reads French; one not listed
// here is shown as it is.
import type { Messages } from './catalogues';

type Key = Exclude<keyof Messages['importProblems'], 'columns'>;
export type Column = keyof Messages['importProblems']['columns'];
export type ImportProblem = { key: Key; values: Record<string, string | number>; column?: Column };

const COLUMN = '(client code|client name|period|recipients|file name)';

const patterns: [RegExp, Key, (m: RegExpExecArray) => Record<string, string | number>, boolean?][] = [
  [new RegExp(`^${COLUMN} (?:is|are) missing$`), 'missing', () => ({}), true],
  [
    new RegExp(`^${COLUMN} is longer than (\\d+) characters$`),
    'tooLong',
    (m) => ({ max: Number(m[2]) }),
    true,
  ],
  [new RegExp(`^${COLUMN} contains a line break$`), 'lineBreak', () => ({}), true],
  [/^bad address "(.*)"$/, 'badAddress', (m) => ({ value: m[1]! })],
  [/^bad period "(.*)" \(expected YYYY-MM\)$/, 'badPeriod', (m) => ({ value: m[1]! })],
  [/^no recipient$/, 'noRecipient', () => ({})],
  [/^more than (\d+) recipients$/, 'tooManyRecipients', (m) => ({ max: Number(m[1]) })],
  [/^unknown file (.+) \(not in the upload\)$/, 'unknownFile', (m) => ({ name: m[1]! })],
  [
    /^duplicate: (\S+) (\S+) is already on row (\d+)$/,
    'duplicateInFile',
    (m) => ({ client: m[1]!, period: m[2]!, row: m[3]! }),
  ],
  [
    /^duplicate: an invoice for (\S+) (\S+) was already imported$/,
    'duplicateImported',
    (m) => ({ client: m[1]!, period: m[2]! }),
  ],
];

/** One problem ("client code is missing") → its key and values; undefined when unknown. */
export function importProblemKey(problem: string): ImportProblem | undefined {
  for (const [pattern, key, values, hasColumn] of patterns) {
    const m = pattern.exec(problem);
    if (m) return { key, values: values(m), column: hasColumn ? (m[1] as Column) : undefined };
  }
  return undefined;
}

type ErrorKey = keyof Messages['importErrors'];
export type ImportErrorText = { key: ErrorKey; values: Record<string, string> };

const errorPatterns: [RegExp, ErrorKey, string[]][] = [
  [/^No CSV manifest in the upload: add a \.csv file \(or put one in the ZIP\)\.$/, 'noManifest', []],
  [/^Several CSV manifests in the upload \((.*)\): send one\.$/, 'severalManifests', ['names']],
  [/^The CSV manifest is empty\.$/, 'emptyManifest', []],
  [/^The CSV manifest cannot be read(?: at line (\d+))?: ([\s\S]*)$/, 'unreadable', ['line', 'detail']],
  [
    /^The CSV manifest's first line must name its columns: client_code, client_name, period, recipients, file_name \(missing: (.*)\)\.$/,
    'missingColumns',
    ['missing'],
  ],
  [/^The CSV manifest is larger than (\d+) MB\.$/, 'manifestTooLarge', ['size']],
  [/^(.+) unpacks to more than (\d+) MB\.$/, 'unpacksTooLarge', ['name', 'size']],
  [/^An import holds at most (\d+) MB of files\.$/, 'filesTooLarge', ['size']],
  [/^An import is at most (\d+) MB\.$/, 'importTooLarge', ['size']],
  [/^(.+) is larger than (\d+) MB\.$/, 'fileTooLarge', ['name', 'size']],
  [/^(.+) is not a readable ZIP archive\.$/, 'notZip', ['name']],
  [
    /^Send the manifest and PDFs as multipart\/form-data, or one ZIP as application\/zip\.$/,
    'notMultipart',
    [],
  ],
  [/^The multipart body could not be read\.$/, 'malformed', []],
  [/^No file in the upload: send a CSV manifest with its PDFs, or one ZIP\.$/, 'noFile', []],
];

/** The import's refusal as a whole (the API's error message) → its key and values. */
export function importErrorKey(message: string): ImportErrorText | undefined {
  for (const [pattern, key, names] of errorPatterns) {
    const m = pattern.exec(message);
    if (m) return { key, values: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ''])) };
  }
  return undefined;
}
