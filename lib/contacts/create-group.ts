import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroups } from '../db/schema/contacts';
import { rethrowDuplicateContact } from './contact-values';
import { type GroupInput, type GroupView, groupInput } from './contacts.schema';

export async function createGroup(db: DbOrTx, ctx: OrgContext, input: GroupInput): Promise<GroupView> {
  const values = parseOr400(groupInput, input);
  const [row] = await db
    .insert(contactGroups)
    .values({ ...values, orgId: ctx.orgId })
    .returning()
    .catch(rethrowDuplicateContact);
  return {
    id: row!.id,
    name: row!.name,
    description: row!.description,
    memberCount: 0,
    createdAt: row!.createdAt,
    updatedAt: row!.updatedAt,
  };
}
