// Host, port and security as given, else from the preset; and the plaintext rule, as a 400 that
// names the field.
import { badRequest } from '../api/errors';
import type { InboxSecurity } from '../db/schema/inbox';
import { plaintextRefusal } from './connect';
import { findPreset } from './presets';

export function resolveServerSettings(input: {
  preset?: string | null;
  host?: string;
  port?: number;
  security?: InboxSecurity;
}): { host: string; port: number; security: InboxSecurity } {
  const preset = findPreset(input.preset);
  const host = input.host ?? preset?.host;
  const security = input.security ?? preset?.security;
  const port = input.port ?? preset?.port ?? (security === 'tls' ? 993 : 143);
  if (!host || !security) {
    const path = host ? 'security' : 'host';
    throw badRequest(`Invalid request body: ${path} is required without a preset`, [
      { path, message: 'is required without a preset' },
    ]);
  }
  const refusal = plaintextRefusal(host, security);
  if (refusal)
    throw badRequest(`Invalid request body: security ${refusal}`, [{ path: 'security', message: refusal }]);
  return { host, port, security };
}
