// A sign-in link made without sending email, for an operator at the command line (no SMTP yet, or
// the first admin of a fresh install). It is the same magic link the email provider makes: a
// verification token stored hashed the way Auth.js stores it, so following the link once signs in
// and deletes the token; a second use fails like any used link.
import { createHash } from 'node:crypto';
import { randomToken } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { verificationTokens } from '../db/schema/auth';
import { env } from '../env';
import { authSecret, MAGIC_LINK_MINUTES } from './auth-secret';
import { safeCallbackPath } from './safe-callback-path';

export async function createSignInLink(
  db: DbOrTx,
  input: { email: string; callbackPath?: string },
): Promise<{ url: string; expires: Date }> {
  const email = input.email.trim().toLowerCase();
  const token = randomToken(32);
  const expires = new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000);
  // @auth/core's send-token: sha256(token + secret), hex.
  const hashed = createHash('sha256').update(`${token}${authSecret()}`).digest('hex');
  await db.insert(verificationTokens).values({ identifier: email, token: hashed, expires });
  const appUrl = env().APP_URL.replace(/\/$/, '');
  const params = new URLSearchParams({
    callbackUrl: `${appUrl}${safeCallbackPath(input.callbackPath)}`,
    token,
    email,
  });
  return { url: `${appUrl}/api/auth/callback/email?${params}`, expires };
}
