import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { getGroup } from './group-view';
import { addToGroups } from './set-contact-groups';

/** Adding someone already in the group is not an error: `added` counts the new memberships. */
export async function addGroupMembers(db: Db, ctx: OrgContext, groupId: string, contactIds: string[]) {
  return db.transaction(async (tx) => {
    await getGroup(tx, ctx, groupId);
    const added = await addToGroups(tx, ctx, contactIds, [groupId]);
    return { added, group: await getGroup(tx, ctx, groupId) };
  });
}
