import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { toContactViews } from './contact-view';
import type { ContactView } from './contacts.schema';

export async function getContact(db: DbOrTx, ctx: OrgContext, id: string): Promise<ContactView> {
  const row = firstOr404(
    await db
      .select()
      .from(contacts)
      .where(byIdInOrg(contacts, id, ctx)),
    'Contact',
  );
  return (await toContactViews(db, ctx, [row]))[0]!;
}
