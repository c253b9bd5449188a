// The secret of each kind of credential, its zod schema, and how it is sealed. A password is sealed
// as itself (the form every sealed password had before credentials existed, which let the migration
// move them without the key); an OAuth grant's tokens as JSON. Opened values are validated, so a
// row that does not hold what its kind says fails loudly instead of signing in with garbage.
import { z } from 'zod';
import { seal, unseal } from '../crypto/seal';
import type { CredentialKind } from '../db/schema/credentials';

export const passwordSecret = z.object({ password: z.string() });

export const oauthSecret = z.object({
  accessToken: z.string().min(1),
  /** Absent when the provider gave none (then the grant cannot be renewed, only reconnected). */
  refreshToken: z.string().min(1).optional(),
  /**
   * The resource `accessToken` is for, where tokens are per resource (Microsoft). Absent in
   * credentials saved before that: the provider's legacy resource.
   */
  resource: z.string().min(1).optional(),
  /** Access tokens for the grant's other resources, from the same refresh token, with their expiry. */
  resourceTokens: z
    .record(z.string(), z.object({ accessToken: z.string().min(1), expiresAt: z.iso.datetime().nullable() }))
    .optional(),
});

export type OAuthSecret = z.infer<typeof oauthSecret>;

export const credentialSecrets = { password: passwordSecret, oauth: oauthSecret } satisfies Record<
  CredentialKind,
  z.ZodType
>;

/** A credential's secret as it is stored: one kind, one shape. */
export type KindAndSecret =
  | { kind: 'password'; secret: z.infer<typeof passwordSecret> }
  | { kind: 'oauth'; secret: z.infer<typeof oauthSecret> };

/** Thrown when a stored secret cannot be opened or is not what its kind says; names no secret. */
export class CredentialError extends Error {
  override name = 'CredentialError';
}

export function sealSecret(value: KindAndSecret): string {
  const parsed = credentialSecrets[value.kind].parse(value.secret);
  return seal(value.kind === 'password' ? (parsed as { password: string }).password : JSON.stringify(parsed));
}

export function openSecret(kind: CredentialKind, sealed: string): KindAndSecret {
  let plain: string;
  try {
    plain = unseal(sealed);
  } catch (error) {
    throw new CredentialError(error instanceof Error ? error.message : 'sealed value cannot be opened');
  }
  if (kind === 'password') return { kind, secret: passwordSecret.parse({ password: plain }) };
  let json: unknown;
  try {
    json = JSON.parse(plain);
  } catch {
    throw new CredentialError(`a credential of kind ${kind} does not hold JSON`);
  }
  const result = oauthSecret.safeParse(json);
  // The issues name fields, never values: safe to say which field is wrong.
  if (!result.success)
    throw new CredentialError(
      `a credential of kind ${kind} is malformed (${result.error.issues.map((i) => i.path.join('.')).join(', ')})`,
    );
  return { kind, secret: result.data };
}
