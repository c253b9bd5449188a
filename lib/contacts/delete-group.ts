import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroups } from '../db/schema/contacts';
import { byIdInOrg, firstOr404 } from '../db/scoped';

/** The group and its memberships; its contacts stay. */
export async function deleteGroup(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  firstOr404(
    await db
      .delete(contactGroups)
      .where(byIdInOrg(contactGroups, id, ctx))
      .returning({ id: contactGroups.id }),
    'Group',
  );
}
