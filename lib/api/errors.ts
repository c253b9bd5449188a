// Errors meant for users. Anything else thrown is a bug: it becomes a generic 500 and its real
// message goes to the log only.
import { ZodError, type z } from 'zod';
import type { Messages } from '../i18n/catalogues';

export type ErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'request_header_too_large'
  | 'rate_limited'
  | 'internal_error';

export type FieldError = { path: string; message: string };

/** A message of the `errors` catalogue namespace, for pages (the REST API keeps `message`). */
export type ErrorKey = keyof Messages['errors'];

export class AppError extends Error {
  /** What pages show instead of `message`, in the viewer's language (app/components/user-error.ts). */
  i18n?: { key: ErrorKey; values?: Record<string, string | number> };
  /** Response headers that belong to the error (Allow on a 405, Retry-After on a 429, …). */
  headers: Record<string, string> = {};

  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** `throw conflict(`${email} is already…`).localized('alreadyMember', { email })` */
  localized(key: ErrorKey, values?: Record<string, string | number>): this {
    this.i18n = { key, values };
    return this;
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }
}

export const badRequest = (message: string, details?: FieldError[]) =>
  new AppError(400, 'validation_error', message, details);
export const unauthorized = (message = 'A valid API key or session is required.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You may not do this.') => new AppError(403, 'forbidden', message);
export const notFound = (resource = 'Resource') => new AppError(404, 'not_found', `${resource} not found.`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const unprocessable = (message: string, details?: FieldError[] | Record<string, unknown>) =>
  new AppError(422, 'unprocessable', message, details);
// The rest of an oversized body is never read: the answer closes the connection instead.
export const payloadTooLarge = (message: string) =>
  new AppError(413, 'payload_too_large', message).withHeaders({ Connection: 'close' });
export const unsupportedMediaType = (message: string) => new AppError(415, 'unsupported_media_type', message);
export const methodNotAllowed = (method: string, allowed: string[]) =>
  new AppError(
    405,
    'method_not_allowed',
    `${method} is not allowed here; use ${allowed.join(', ')}.`,
  ).withHeaders({ Allow: allowed.join(', ') });
export const headerTooLarge = (message: string) => new AppError(431, 'request_header_too_large', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message).withHeaders({ 'Retry-After': String(retryAfterSeconds) });

/** zod issues → `[{ path: "to.0.address", message }]` */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // An unknown field is named by its own path, as any other bad field is.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: path.join('.') || '(root)', message: issue.message }];
  });
}

export function validationError(error: z.ZodError, where = 'request'): AppError {
  const details = fieldErrors(error);
  const first = details[0];
  return badRequest(
    first ? `Invalid ${where}: ${first.path} ${first.message}` : `Invalid ${where}.`,
    details,
  );
}

export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

function hasNul(input: unknown): boolean {
  const stack: unknown[] = [input];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push(value[i]);
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (key.includes('\u0000')) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/**
 * The path of the first string (value or key) holding a NUL character, which PostgreSQL refuses
 * in text. Walks without recursion: a deeply nested JSON body must not overflow the stack.
 */
export function findNul(input: unknown): string[] | undefined {
  // Almost every body has none: a scan without paths first (a 1,000-message batch is walked twice,
  // the body and each message, so the bookkeeping below was felt: README, "Outbox performance").
  if (!hasNul(input)) return undefined;
  // Each entry knows its parent and its key: the path is built only for the string that has one
  // (not a copy of the path for every value of every body, which a 1,000-message batch felt).
  type Entry = { value: unknown; key: string; up: Entry | null };
  const pathOf = (entry: Entry | null, last?: string): string[] => {
    const path = last === undefined ? [] : [last];
    for (let e = entry; e?.up; e = e.up) path.push(e.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ value: input, key: '', up: null }];
  while (stack.length) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(entry);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: String(i), up: entry });
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (key.includes('\u0000')) return pathOf(entry, key.replaceAll('\u0000', '\\u0000'));
        stack.push({ value: (value as Record<string, unknown>)[key], key, up: entry });
      }
    }
  }
  return undefined;
}

/**
 * The one way input meets a schema: a NUL character anywhere fails first, as an issue on its
 * field (every route, form and job goes through here or parseOr400, so no NUL reaches the database).
 */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  const nul = findNul(input);
  if (nul) {
    return {
      success: false,
      error: new ZodError([{ code: 'custom', path: nul, message: NUL_MESSAGE, input: undefined }]),
    } as z.ZodSafeParseResult<z.output<S>>;
  }
  return schema.safeParse(input);
}

/** Refuses a NUL character in values that meet no schema (path segments, headers). */
export function refuseNulIn(input: unknown, where: string): void {
  const nul = findNul(input);
  if (nul) {
    const path = nul.join('.') || '(root)';
    throw badRequest(`Invalid ${where}: ${path} ${NUL_MESSAGE}`, [{ path, message: NUL_MESSAGE }]);
  }
}

/** Parses with a schema or throws a 400 naming each bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, where = 'request'): z.infer<S> {
  const result = safeParseInput(schema, input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
