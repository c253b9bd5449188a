import { eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { organizations } from '../db/schema/orgs';
import { firstOr404 } from '../db/scoped';

/** The caller's own organisation, with the caller's role in it. */
export async function getOrganization(db: DbOrTx, ctx: OrgContext) {
  const org = firstOr404(
    await db
      .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId)),
    'Organisation',
  );
  return { ...org, role: ctx.role };
}
