// Reads a credential's sealed secret straight from its row, as it sits at rest, for tests that
// check no secret is stored in clear.
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema/credentials';

export async function sealedSecretOf(db: Db, credentialId: string | null): Promise<string> {
  if (!credentialId) throw new Error('the account has no credential');
  const [row] = await db
    .select({ secretSealed: credentials.secretSealed })
    .from(credentials)
    .where(eq(credentials.id, credentialId));
  if (!row) throw new Error(`credential ${credentialId} does not exist`);
  return row.secretSealed;
}
