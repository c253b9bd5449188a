import { and, eq, inArray } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroupMembers } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { getGroup } from './group-view';

export async function removeGroupMembers(db: DbOrTx, ctx: OrgContext, groupId: string, contactIds: string[]) {
  await getGroup(db, ctx, groupId);
  const removed = await db
    .delete(contactGroupMembers)
    .where(
      and(
        inOrg(contactGroupMembers, ctx),
        eq(contactGroupMembers.groupId, groupId),
        inArray(contactGroupMembers.contactId, contactIds),
      ),
    )
    .returning({ contactId: contactGroupMembers.contactId });
  return { removed: removed.length, group: await getGroup(db, ctx, groupId) };
}
