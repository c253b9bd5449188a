// What changing or removing a member needs first, in the same transaction: the member's row and
// the organisation's owners, locked, so two owners demoting each other at once cannot leave the
// organisation without one. Also the rule on who may touch whom.
import { and, eq, sql } from 'drizzle-orm';
import { conflict, forbidden, notFound } from '../api/errors';
import { actorUserId, type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Membership, memberships } from '../db/schema/orgs';
import { isUuid } from '../db/scoped';

export async function lockMember(
  tx: DbOrTx,
  ctx: OrgContext,
  userId: string,
): Promise<{ member: Membership; ownerCount: number }> {
  if (!isUuid(userId)) throw notFound('Member');
  // Lock every owner row and the target: owners first, in one statement, always in the same order.
  const locked = await tx
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.orgId, ctx.orgId),
        sql`(${memberships.role} = 'owner' or ${memberships.userId} = ${userId})`,
      ),
    )
    .orderBy(memberships.userId)
    .for('update');
  const member = locked.find((m) => m.userId === userId);
  if (!member) throw notFound('Member');
  return { member, ownerCount: locked.filter((m) => m.role === 'owner').length };
}

/**
 * Owners may change and remove anyone; admins (and API keys, which act as admins) only admins and
 * members, and may not make anyone an owner. Members may only remove themselves (leave).
 */
export function assertMayManage(ctx: OrgContext, member: Membership, change: 'remove' | Membership['role']) {
  const self = actorUserId(ctx) === member.userId;
  if (change === 'remove' && self) return;
  requireRole(ctx, 'admin');
  if (ctx.role === 'owner') return;
  if (member.role === 'owner')
    throw forbidden('Only an owner may change or remove an owner.').localized('ownerOnlyManagesOwners');
  if (change === 'owner')
    throw forbidden('Only an owner may make someone an owner.').localized('ownerOnlyMakesOwners');
}

/** The organisation keeps at least one owner. */
export function assertKeepsAnOwner(
  member: Membership,
  ownerCount: number,
  change: 'remove' | Membership['role'],
) {
  if (member.role === 'owner' && change !== 'owner' && ownerCount <= 1) {
    throw change === 'remove'
      ? conflict('This is the last owner: make someone else an owner before removing them.').localized(
          'lastOwnerRemove',
        )
      : conflict('This is the last owner: make someone else an owner before changing their role.').localized(
          'lastOwnerDemote',
        );
  }
}

/** The same rule as a yes/no, for pages deciding which controls to show. */
export function mayManage(
  ctx: OrgContext,
  member: Pick<Membership, 'userId' | 'role'>,
  change: 'remove' | Membership['role'],
) {
  try {
    assertMayManage(ctx, member as Membership, change);
    return true;
  } catch {
    return false;
  }
}
