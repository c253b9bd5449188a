// A message a feature built itself from parts it validated when they were saved (a scheduled
// message's text, a contact's address): checked for what can still be wrong per recipient —
// addresses, line breaks in header values, NUL, sizes — with the same rules and the same field paths
// as the full schema, at a fraction of its cost (the full schema was ~40 % of the Node CPU of
// expanding a message to 10,000 contacts). Anything outside that narrow shape gets the full schema.
import { z } from 'zod';
import { type FieldError, fieldErrors, safeParseInput } from '../api/errors';
import { type EnqueueInput, messageInput, type ParsedMessage } from './message.schema';

/** The fields this check knows; a message with any other goes through `messageInput` whole. */
const KNOWN = new Set(['senderId', 'to', 'cc', 'bcc', 'subject', 'text', 'html', 'headers', 'expiresAt']);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,76}$/;
const LINE_BREAK = /[\r\n]/;

export function parseGeneratedMessage(
  input: EnqueueInput,
): { success: true; data: ParsedMessage } | { success: false; errors: FieldError[] } {
  if (!isNarrow(input)) return viaSchema(input);
  const errors: FieldError[] = [];
  const addresses = (field: 'to' | 'cc' | 'bcc') => {
    const list = input[field] as { address: string; name?: string }[] | undefined;
    list?.forEach((a, i) => {
      const path = `${field}.${i}`;
      if (a.address.length > 254 || !z.regexes.email.test(a.address))
        errors.push({ path: `${path}.address`, message: 'is not a valid email address' });
      if (a.name !== undefined && (a.name.length > 200 || LINE_BREAK.test(a.name)))
        errors.push({
          path: `${path}.name`,
          message: 'must not contain line breaks (at most 200 characters)',
        });
    });
    return list?.length ?? 0;
  };
  if (addresses('to') + addresses('cc') + addresses('bcc') === 0)
    errors.push({ path: 'to', message: 'needs at least one recipient (to, cc or bcc)' });
  const subject = input.subject ?? '';
  if (subject.length > 998 || LINE_BREAK.test(subject))
    errors.push({ path: 'subject', message: 'must not contain line breaks (at most 998 characters)' });
  if (!input.text?.trim() && !input.html?.trim())
    errors.push({ path: 'text', message: 'a message needs a text or an HTML body' });
  if ((input.text?.length ?? 0) > 5_000_000)
    errors.push({ path: 'text', message: 'is at most 5,000,000 characters' });
  if ((input.html?.length ?? 0) > 10_000_000)
    errors.push({ path: 'html', message: 'is at most 10,000,000 characters' });
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!HEADER_NAME.test(name) || value.length > 998 || LINE_BREAK.test(value))
      errors.push({ path: `headers.${name}`, message: 'is not a valid header' });
  }
  if (errors.length === 0 && hasNul(input)) return viaSchema(input);
  if (errors.length) return { success: false, errors };
  return { success: true, data: { ...(input as ParsedMessage), subject } };
}

/** Only the known fields, addresses as `{ address, name? }` objects, dates as Dates. */
function isNarrow(input: EnqueueInput): boolean {
  for (const key of Object.keys(input)) if (!KNOWN.has(key)) return false;
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const list = input[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > 500) return false;
    for (const a of list) if (typeof a !== 'object' || typeof a.address !== 'string') return false;
  }
  if (input.expiresAt !== undefined && !(input.expiresAt instanceof Date)) return false;
  return (
    (input.senderId === undefined || typeof input.senderId === 'string') &&
    (input.subject === undefined || typeof input.subject === 'string') &&
    (input.text === undefined || typeof input.text === 'string') &&
    (input.html === undefined || typeof input.html === 'string')
  );
}

/** PostgreSQL refuses NUL in text: such a message gets the schema's own answer for it. */
function hasNul(input: EnqueueInput): boolean {
  const strings = [input.subject, input.text, input.html, ...Object.values(input.headers ?? {})];
  for (const field of ['to', 'cc', 'bcc'] as const)
    for (const a of (input[field] as { address: string; name?: string }[] | undefined) ?? [])
      strings.push(a.address, a.name);
  return strings.some((v) => v?.includes('\0'));
}

function viaSchema(input: EnqueueInput) {
  const result = safeParseInput(messageInput, input);
  return result.success
    ? { success: true as const, data: result.data }
    : { success: false as const, errors: fieldErrors(result.error) };
}
