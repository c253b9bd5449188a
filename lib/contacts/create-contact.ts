import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { Db } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { assertReachable, contactValuesOr400, rethrowDuplicateContact } from './contact-values';
import { type ContactView, type CreateContactInput, createContactInput } from './contacts.schema';
import { getContact } from './get-contact';
import { orgPhoneRegion } from './normalise-phone';
import { addToGroups } from './set-contact-groups';

export async function createContact(
  db: Db,
  ctx: OrgContext,
  input: CreateContactInput,
): Promise<ContactView> {
  const { groupIds, ...fields } = parseOr400(createContactInput, input);
  const values = contactValuesOr400(fields, await orgPhoneRegion(db, ctx));
  assertReachable(values);
  return db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(contacts)
        .values({ ...values, orgId: ctx.orgId })
        .returning({ id: contacts.id });
      await addToGroups(tx, ctx, [row!.id], groupIds ?? []);
      return getContact(tx, ctx, row!.id);
    })
    .catch(rethrowDuplicateContact);
}
