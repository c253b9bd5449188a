// An owner or admin removes a member, or a member leaves (rules in lock-member.ts). Their API keys
// and invitations stay with the organisation; only the membership goes.
import { and, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { memberships } from '../db/schema/orgs';
import { assertKeepsAnOwner, assertMayManage, lockMember } from './lock-member';

export async function removeMember(db: DbOrTx, ctx: OrgContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { member, ownerCount } = await lockMember(tx, ctx, userId);
    assertMayManage(ctx, member, 'remove');
    assertKeepsAnOwner(member, ownerCount, 'remove');
    await tx.delete(memberships).where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
  });
}
