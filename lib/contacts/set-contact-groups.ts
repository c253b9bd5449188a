// Puts contacts into groups of the same organisation; a group id of another org is a 404, never
// a membership across tenants.
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { notFound } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroupMembers, contactGroups, contacts } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';

export async function addToGroups(db: DbOrTx, ctx: OrgContext, contactIds: string[], groupIds: string[]) {
  const groups = [...new Set(groupIds)];
  const people = [...new Set(contactIds)];
  if (!groups.length || !people.length) return 0;
  const foundGroups = await db
    .select({ id: contactGroups.id })
    .from(contactGroups)
    .where(and(inOrg(contactGroups, ctx), inArray(contactGroups.id, groups)));
  if (foundGroups.length !== groups.length) throw notFound('Group');
  const foundContacts = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(inOrg(contacts, ctx), inArray(contacts.id, people)));
  if (foundContacts.length !== people.length) throw notFound('Contact');
  const rows = groups.flatMap((groupId) =>
    people.map((contactId) => ({ orgId: ctx.orgId, groupId, contactId })),
  );
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insert(contactGroupMembers)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing()
      .returning({ contactId: contactGroupMembers.contactId });
    added += inserted.length;
  }
  return added;
}

/** The contact's groups become exactly `groupIds` (the contact was loaded in this org already). */
export async function replaceContactGroups(
  db: DbOrTx,
  ctx: OrgContext,
  contactId: string,
  groupIds: string[],
) {
  await db
    .delete(contactGroupMembers)
    .where(
      and(
        inOrg(contactGroupMembers, ctx),
        eq(contactGroupMembers.contactId, contactId),
        groupIds.length ? notInArray(contactGroupMembers.groupId, groupIds) : undefined,
      ),
    );
  await addToGroups(db, ctx, [contactId], groupIds);
}
