// Organisations, users and API keys for tests, made through the same use-cases the app uses.
import crypto from 'node:crypto';
import { createApiKey } from '@/lib/auth/create-api-key';
import type { OrgContext } from '@/lib/auth/org-context';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema/auth';
import { createOrganization } from '@/lib/orgs/create-organization';

export type TestOrg = {
  id: string;
  slug: string;
  ctx: OrgContext;
  apiKey: string;
  ownerId: string;
  ownerEmail: string;
};

export async function createTestOrg(
  db: Db,
  name = `Org ${crypto.randomBytes(3).toString('hex')}`,
): Promise<TestOrg> {
  const ownerEmail = `owner-${crypto.randomBytes(4).toString('hex')}@example.test`;
  const [owner] = await db.insert(users).values({ email: ownerEmail }).returning({ id: users.id });
  const org = await createOrganization(db, { name }, owner!.id);
  const ctx: OrgContext = {
    orgId: org.id,
    role: 'owner',
    actor: { kind: 'user', userId: owner!.id, email: ownerEmail },
  };
  const { key } = await createApiKey(db, ctx, { name: 'tests' });
  return { id: org.id, slug: org.slug, ctx, apiKey: key, ownerId: owner!.id, ownerEmail };
}
