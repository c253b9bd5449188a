// The Idempotency-Key header of a request that makes a message: one line, at most 255 characters.
import { badRequest } from './errors';

export function readIdempotencyKey(req: Request): string | undefined {
  const key = req.headers.get('idempotency-key')?.trim() || undefined;
  if (key && (key.length > 255 || /[\r\n]/.test(key))) {
    throw badRequest('Invalid Idempotency-Key header.', [
      { path: '(header) Idempotency-Key', message: 'is at most 255 characters on one line' },
    ]);
  }
  return key;
}
