import { sql } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { assertReachable, contactValuesOr400, rethrowDuplicateContact } from './contact-values';
import { type ContactView, type UpdateContactInput, updateContactInput } from './contacts.schema';
import { getContact } from './get-contact';
import { orgPhoneRegion } from './normalise-phone';
import { replaceContactGroups } from './set-contact-groups';

export async function updateContact(
  db: Db,
  ctx: OrgContext,
  id: string,
  input: UpdateContactInput,
): Promise<ContactView> {
  const { groupIds, ...fields } = parseOr400(updateContactInput, input);
  const values = contactValuesOr400(fields, await orgPhoneRegion(db, ctx));
  return db
    .transaction(async (tx) => {
      const current = firstOr404(
        await tx
          .select()
          .from(contacts)
          .where(byIdInOrg(contacts, id, ctx))
          .for('update'),
        'Contact',
      );
      assertReachable({ ...current, ...values });
      await tx
        .update(contacts)
        .set({ ...values, updatedAt: sql`now()` })
        .where(byIdInOrg(contacts, id, ctx));
      if (groupIds) await replaceContactGroups(tx, ctx, id, groupIds);
      return getContact(tx, ctx, id);
    })
    .catch(rethrowDuplicateContact);
}
