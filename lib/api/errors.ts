// Errors meant for users. Anything else thrown is a bug: it becomes a generic 500 and its real
// message goes to the log only.
import type { z } from 'zod';
import type { Messages } from '../i18n/catalogues';

export type ErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error';

export type FieldError = { path: string; message: string };

/** A message of the `errors` catalogue namespace, for pages (the REST API keeps `message`). */
export type ErrorKey = keyof Messages['errors'];

export class AppError extends Error {
  /** What pages show instead of `message`, in the viewer's language (app/components/user-error.ts). */
  i18n?: { key: ErrorKey; values?: Record<string, string | number> };

  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: FieldError[] | Record<string, unknown>,
    /** Response headers that belong to the error (Retry-After on a 429). */
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** `throw conflict(`${email} is already…`).localized('alreadyMember', { email })` */
  localized(key: ErrorKey, values?: Record<string, string | number>): this {
    this.i18n = { key, values };
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
export const payloadTooLarge = (message: string) => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, undefined, { 'Retry-After': String(retryAfterSeconds) });

/** zod issues → `[{ path: "to.0.address", message }]` */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError, where = 'request'): AppError {
  const details = fieldErrors(error);
  const first = details[0];
  return badRequest(
    first ? `Invalid ${where}: ${first.path} ${first.message}` : `Invalid ${where}.`,
    details,
  );
}

/** Parses with a schema or throws a 400 naming each bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, where = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
