// The limits, in one place (README "Security" lists them). Counted per fixed window in Postgres.
import { env } from '../env';

export type RateLimitRule = {
  /** Prefix of the counter's key; also what logs name. */
  name: string;
  limit: number;
  windowSeconds: number;
};

/** Sign-in emails to one address: enough for a typo or two, too few to flood an inbox. */
export const SIGN_IN_EMAILS_PER_ADDRESS: RateLimitRule = {
  name: 'signin-email',
  limit: 5,
  windowSeconds: 600,
};

/**
 * Sign-in emails asked for from one client address (an office behind one NAT is several people).
 * The limit is the default of MAILROOM_SIGNIN_EMAILS_PER_CLIENT: `signInEmailsPerClient()` is the
 * rule in force.
 */
export const SIGN_IN_EMAILS_PER_CLIENT: RateLimitRule = {
  name: 'signin-client',
  limit: 20,
  windowSeconds: 600,
};

export function signInEmailsPerClient(): RateLimitRule {
  return { ...SIGN_IN_EMAILS_PER_CLIENT, limit: env().MAILROOM_SIGNIN_EMAILS_PER_CLIENT };
}

/** Wrong or revoked API keys from one client address, before every key from there is refused. */
export const API_KEY_FAILURES_PER_CLIENT: RateLimitRule = {
  name: 'api-key-failures',
  limit: 20,
  windowSeconds: 600,
};
