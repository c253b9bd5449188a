// The REST edge's responses: JSON bodies and the one error shape
// `{ "error": { "code", "message", "details" } }`.
import { log } from '../log';
import { AppError } from './errors';

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  if (error instanceof AppError) {
    return json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      },
      error.status,
      error.headers,
    );
  }
  log.error({ err: error, ...context }, 'unhandled error in route handler');
  return json({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
}
