// Keyset pagination cursors for contact and group lists: opaque to clients, checked when read back.
import { badRequest } from '../api/errors';

export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string')) {
      return value as string[];
    }
  } catch {
    // fall through
  }
  throw badRequest('Invalid query: cursor is not one this API gave.', [
    { path: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}
