import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { memberships, organizations } from '../db/schema/orgs';

/** The organisations a user belongs to, with the user's role in each, oldest first. */
export async function listUserOrganizations(db: DbOrTx, userId: string) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      role: memberships.role,
      defaultLocale: organizations.defaultLocale,
      timeZone: organizations.timeZone,
      country: organizations.country,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export type UserOrganization = Awaited<ReturnType<typeof listUserOrganizations>>[number];
