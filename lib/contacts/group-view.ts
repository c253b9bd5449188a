// Groups with their member count, for lists and single reads alike.
import { and, type SQL, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroupMembers, contactGroups } from '../db/schema/contacts';
import { byIdInOrg, firstOr404, inOrg } from '../db/scoped';
import type { GroupView } from './contacts.schema';

export function selectGroups(db: DbOrTx, ctx: OrgContext, where?: SQL) {
  return db
    .select({
      id: contactGroups.id,
      name: contactGroups.name,
      description: contactGroups.description,
      memberCount: sql<number>`(select count(*)::int from ${contactGroupMembers} where ${contactGroupMembers.groupId} = ${contactGroups.id})`,
      createdAt: contactGroups.createdAt,
      updatedAt: contactGroups.updatedAt,
    })
    .from(contactGroups)
    .where(and(inOrg(contactGroups, ctx), where))
    .$dynamic();
}

export async function getGroup(db: DbOrTx, ctx: OrgContext, id: string): Promise<GroupView> {
  return firstOr404(await selectGroups(db, ctx, byIdInOrg(contactGroups, id, ctx)), 'Group');
}
