import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './seal';

const key = crypto.randomBytes(32);

describe('secret sealing (AES-256-GCM)', () => {
  it('round-trips, and never produces the same ciphertext twice', () => {
    const a = seal('app-password ü', key);
    const b = seal('app-password ü', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('app-password');
    expect(unseal(a, key)).toBe('app-password ü');
  });

  it('refuses a tampered value or another key, without echoing the secret', () => {
    const sealed = seal('hunter2', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(parts.join('.'), key)).toThrow(/cannot be opened/);
    expect(() => unseal(sealed, crypto.randomBytes(32))).toThrow(/MAILROOM_SECRET_KEY/);
    expect(() => unseal('plain', key)).toThrow(/unknown format/);
  });
});
