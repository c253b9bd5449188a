import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroups } from '../db/schema/contacts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { rethrowDuplicateContact } from './contact-values';
import { type GroupView, updateGroupInput } from './contacts.schema';
import { getGroup } from './group-view';

export async function updateGroup(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: z.input<typeof updateGroupInput>,
): Promise<GroupView> {
  const values = parseOr400(updateGroupInput, input);
  firstOr404(
    await db
      .update(contactGroups)
      .set({ ...values, updatedAt: sql`now()` })
      .where(byIdInOrg(contactGroups, id, ctx))
      .returning({ id: contactGroups.id })
      .catch(rethrowDuplicateContact),
    'Group',
  );
  return getGroup(db, ctx, id);
}
