import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { byIdInOrg, firstOr404 } from '../db/scoped';

/** Its group memberships go with it (cascade). */
export async function deleteContact(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  firstOr404(
    await db
      .delete(contacts)
      .where(byIdInOrg(contacts, id, ctx))
      .returning({ id: contacts.id }),
    'Contact',
  );
}
