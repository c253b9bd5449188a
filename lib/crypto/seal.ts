// Secret sealing for passwords and tokens at rest: AES-256-GCM under MAILROOM_SECRET_KEY (or the
// embedded default's generated key). A sealed value is `v1.<iv>.<tag>.<ciphertext>` in base64url,
// so the format can change later without guessing.
import crypto from 'node:crypto';
import { env } from '../env';

const VERSION = 'v1';

export function seal(plaintext: string, key: Buffer = env().secretKey): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function unseal(sealed: string, key: Buffer = env().secretKey): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('sealed value has an unknown format');
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    // Never echo the value: the usual cause is a changed MAILROOM_SECRET_KEY.
    throw new Error('sealed value cannot be opened: was MAILROOM_SECRET_KEY changed?');
  }
}

/** A key for another purpose (e.g. Auth.js's secret) derived from the one secret key. */
export function deriveKey(purpose: string, key: Buffer = env().secretKey): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `mailroom:${purpose}`, 32));
}
