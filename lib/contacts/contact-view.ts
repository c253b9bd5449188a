// Rows → the shape the API and pages show, with each contact's groups loaded in one query.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Contact, contactGroupMembers, contactGroups } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { isLocale } from '../i18n/locales';
import type { ContactView } from './contacts.schema';

export async function toContactViews(db: DbOrTx, ctx: OrgContext, rows: Contact[]): Promise<ContactView[]> {
  const groupsOf = new Map<string, { id: string; name: string }[]>();
  if (rows.length) {
    const links = await db
      .select({ contactId: contactGroupMembers.contactId, id: contactGroups.id, name: contactGroups.name })
      .from(contactGroupMembers)
      .innerJoin(contactGroups, eq(contactGroups.id, contactGroupMembers.groupId))
      .where(
        and(
          inOrg(contactGroupMembers, ctx),
          inArray(
            contactGroupMembers.contactId,
            rows.map((r) => r.id),
          ),
        ),
      )
      .orderBy(asc(contactGroups.name));
    for (const l of links)
      groupsOf.set(l.contactId, [...(groupsOf.get(l.contactId) ?? []), { id: l.id, name: l.name }]);
  }
  return rows.map((r) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    phone: r.phone,
    language: isLocale(r.language) ? r.language : null,
    emailOptOut: r.emailOptOutAt ? { at: r.emailOptOutAt, reason: r.emailOptOutReason ?? '' } : null,
    smsOptOut: r.smsOptOutAt ? { at: r.smsOptOutAt, reason: r.smsOptOutReason ?? '' } : null,
    customFields: r.customFields,
    groups: groupsOf.get(r.id) ?? [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
