// Writes a credential's secret: replaces it in place when the account already has a credential of
// the same kind (same id, version + 1, so accounts and pooled transports keep pointing at it), else
// creates one. Saving also makes the credential usable again (status active).
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { type KindAndSecret, sealSecret } from './credential-secret';

export type SaveCredentialInput = KindAndSecret & {
  orgId: string;
  /** The credential to replace, if any. */
  id?: string | null;
  /** OAuth: who issued the grant, what it allows, when its access token expires. */
  provider?: string | null;
  scopes?: string[];
  expiresAt?: Date | null;
};

/** Returns the id of the credential written. */
export async function saveCredential(db: DbOrTx, input: SaveCredentialInput): Promise<string> {
  const values = {
    kind: input.kind,
    secretSealed: sealSecret(input),
    status: 'active' as const,
    statusReason: null,
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  };
  if (input.id) {
    const [replaced] = await db
      .update(credentials)
      .set({ ...values, version: sql`${credentials.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(credentials.id, input.id),
          eq(credentials.orgId, input.orgId),
          eq(credentials.kind, input.kind),
        ),
      )
      .returning({ id: credentials.id });
    if (replaced) return replaced.id;
  }
  const [created] = await db
    .insert(credentials)
    .values({ ...values, orgId: input.orgId })
    .returning({ id: credentials.id });
  return created!.id;
}
