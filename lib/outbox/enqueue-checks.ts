// The checks every enqueue makes of its input, whatever the channel: the batch's size, the times
// asked for, and one 400 naming every bad field (the first in its message).
import { type AppError, badRequest, type FieldError } from '../api/errors';
import { MAX_BATCH, SEND_AT_TOLERANCE_MS } from './message.schema';

/** `what`: "messages", "SMS" — the words of the refusal. */
export function checkBatchSize(count: number, what: string): void {
  if (count === 0) throw badRequest(`No ${what} to send.`, [{ path: 'messages', message: 'is empty' }]);
  if (count > MAX_BATCH) {
    throw badRequest(`At most ${MAX_BATCH} ${what} at once.`, [
      { path: 'messages', message: `has more than ${MAX_BATCH} messages` },
    ]);
  }
}

/** Not in the past (beyond clock skew), not more than a year away, expiring after it is due. */
export function checkSendTimes(
  item: { sendAt?: Date; expiresAt?: Date },
  now: number,
  prefix: string,
  errors: FieldError[],
): void {
  const { sendAt, expiresAt } = item;
  if (sendAt && sendAt.getTime() < now - SEND_AT_TOLERANCE_MS)
    errors.push({ path: `${prefix}sendAt`, message: 'is in the past' });
  if (sendAt && sendAt.getTime() > now + 366 * 86_400_000)
    errors.push({ path: `${prefix}sendAt`, message: 'is more than a year away' });
  if (expiresAt && expiresAt.getTime() <= (sendAt?.getTime() ?? now))
    errors.push({ path: `${prefix}expiresAt`, message: 'must be after sendAt' });
}

/** `what`: "message", "SMS". */
export function invalidInput(what: string, errors: FieldError[]): AppError {
  const first = errors[0]!;
  return badRequest(`Invalid ${what}: ${first.path} ${first.message}`, errors.slice(0, 100));
}
