// Before a sign-in email is sent: at most a few per address and per client address, whichever way
// it was asked for (the sign-in form's server action, or Auth.js's own POST /api/auth/signin/email).
import { sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { consumeRateLimit, inHowLong } from './hit-rate-limit';
import { SIGN_IN_EMAILS_PER_ADDRESS, signInEmailsPerClient } from './rules';

export async function limitSignInEmail(
  db: DbOrTx,
  request: { email: string; clientAddress: string | null },
): Promise<void> {
  const message = (s: number) => `Too many sign-in emails were asked for. Try again ${inHowLong(s)}.`;
  if (request.clientAddress) {
    await consumeRateLimit(db, signInEmailsPerClient(), request.clientAddress, message);
  }
  // The address is counted by its hash: this table need not hold anyone's email.
  await consumeRateLimit(db, SIGN_IN_EMAILS_PER_ADDRESS, sha256(request.email.trim().toLowerCase()), message);
}
