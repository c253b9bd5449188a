// Contacts by last name, first name; `q` matches names, email and phone, `groupId` one group's members.
import { and, asc, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroupMembers, contacts } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { containsFolded, searchText } from '../db/search-text';
import { toContactViews } from './contact-view';
import type { ContactView, ListContactsQuery } from './contacts.schema';
import { decodeCursor, encodeCursor } from './page-cursor';

export function contactSearch(q: string | undefined) {
  if (!q) return undefined;
  const digits = q.replace(/[^\d]/g, '');
  return or(
    // "noel" finds Noël; "dupont jean" and "jean dupont" both find Jean Dupont (lib/db/search-text.ts).
    containsFolded(searchText.contact(), q),
    // "06 12 34" finds +33612345678: compare digits, the national 0 dropped.
    digits.length >= 3 ? ilike(contacts.phone, `%${digits.replace(/^0/, '')}%`) : undefined,
  );
}

export async function listContacts(
  db: DbOrTx,
  ctx: OrgContext,
  query: ListContactsQuery,
): Promise<{ contacts: ContactView[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, 3) : undefined;
  const rows = await db
    .select()
    .from(contacts)
    .where(
      and(
        inOrg(contacts, ctx),
        contactSearch(query.q),
        query.groupId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(contactGroupMembers)
                .where(
                  and(
                    eq(contactGroupMembers.contactId, contacts.id),
                    eq(contactGroupMembers.groupId, query.groupId),
                  ),
                ),
            )
          : undefined,
        after
          ? sql`(${contacts.lastName}, ${contacts.firstName}, ${contacts.id}) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    contacts: await toContactViews(db, ctx, page),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.lastName, last.firstName, last.id]) : null,
  };
}
