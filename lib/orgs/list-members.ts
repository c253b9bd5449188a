import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import { invitations, memberships } from '../db/schema/orgs';
import { inOrg } from '../db/scoped';

export async function listMembers(db: DbOrTx, ctx: OrgContext) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inOrg(memberships, ctx))
    .orderBy(asc(memberships.createdAt));
}

export async function listPendingInvitations(db: DbOrTx, ctx: OrgContext) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(inOrg(invitations, ctx), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())),
    )
    .orderBy(desc(invitations.createdAt));
}
