// An owner or admin gives a member another role (rules in lock-member.ts).
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import { memberships, roleEnum } from '../db/schema/orgs';
import { assertKeepsAnOwner, assertMayManage, lockMember } from './lock-member';
import type { MemberView } from './orgs.schema';

export const changeMemberRoleInput = z.strictObject({ role: z.enum(roleEnum.enumValues) });
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleInput>;

export async function changeMemberRole(
  db: DbOrTx,
  ctx: OrgContext,
  userId: string,
  input: ChangeMemberRoleInput,
): Promise<MemberView> {
  const { role } = parseOr400(changeMemberRoleInput, input, 'request body');
  return db.transaction(async (tx) => {
    const { member, ownerCount } = await lockMember(tx, ctx, userId);
    assertMayManage(ctx, member, role);
    assertKeepsAnOwner(member, ownerCount, role);
    if (member.role !== role) {
      await tx
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
    }
    const [user] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, userId));
    return { userId, email: user!.email, name: user!.name, role, joinedAt: member.createdAt };
  });
}
