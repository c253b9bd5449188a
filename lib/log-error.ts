// How an error appears in a log line: its type, code, message and stack frames — never the SQL's
// parameters. A failed query carries them twice (postgres.js keeps `parameters`; drizzle puts them
// in its message: "Failed query: … params: …"), and they are message bodies, recipients, sealed
// secrets, key hashes. The statement is named by its verb and table only.
import { DrizzleQueryError } from 'drizzle-orm/errors';

/** Fields of database errors that hold values from the query or the row. */
const VALUE_FIELDS = new Set([
  'query',
  'params',
  'parameters',
  'args',
  'types',
  'detail',
  'where',
  'internal_query',
]);
const MAX_MESSAGE = 2000;

/** `insert into "outbox_messages"`, `select … from "senders"`: enough to find the code, no values. */
export function statementName(sql: unknown): string | undefined {
  if (typeof sql !== 'string') return undefined;
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (!verb) return undefined;
  const table = /\b(?:into|update|from)\s+("[^"]+"(?:\."[^"]+")?|[\w.]+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const drizzle = error instanceof DrizzleQueryError;
  const type =
    error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  const statement = statementName((error as { query?: unknown }).query);
  const message = drizzle ? `Failed query: ${statement ?? 'unknown statement'}` : truncate(error.message);
  const out: Record<string, unknown> = { type, message };
  if (statement) out.statement = statement;
  for (const [key, value] of Object.entries(error)) {
    if (VALUE_FIELDS.has(key) || key === 'cause' || key in out) continue;
    out[key] = typeof value === 'string' ? truncate(value) : value;
  }
  // The stack's first lines repeat the message (with drizzle's parameters): keep only the frames.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  out.stack = [`${type}: ${message}`, ...frames].join('\n');
  if (error.cause !== undefined && depth < 5) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${text.length} characters)` : text;
}
