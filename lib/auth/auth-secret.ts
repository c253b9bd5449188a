// Auth.js's secret (signs its cookies, salts stored magic-link hashes) and the magic links' life.
// Apart from config.ts so the CLI can make links without loading next-auth.
import { deriveKey } from '../crypto/seal';

export const MAGIC_LINK_MINUTES = 30;

export function authSecret(): string {
  return process.env.AUTH_SECRET || deriveKey('auth-secret').toString('hex');
}
