// Accent- and case-insensitive search on parts of words: the folded text of a row (the same
// expressions the trigram indexes of drizzle/0025_search-folding.sql are built on — change both
// together, or the index is no longer used) compared with LIKE to the folded words typed.
import { type SQL, sql } from 'drizzle-orm';
import { contacts } from './schema/contacts';
import { inboxMessages } from './schema/inbox';
import { invoices } from './schema/invoices';
import { outboxMessages } from './schema/outbox';

/** public.mailroom_fold: lower(unaccent(…)), IMMUTABLE so it can be indexed. */
const fold = (value: SQL) => sql`public.mailroom_fold(${value})`;

export const searchText = {
  inboxMessage: () =>
    fold(
      sql`${inboxMessages.subject} || ' ' || ${inboxMessages.fromName} || ' ' || ${inboxMessages.fromAddress} || ' ' || ${inboxMessages.to}::text || ' ' || ${inboxMessages.cc}::text || ' ' || coalesce(${inboxMessages.text}, '')`,
    ),
  outboxMessage: () =>
    fold(
      sql`${outboxMessages.subject} || ' ' || ${outboxMessages.to}::text || ' ' || ${outboxMessages.cc}::text`,
    ),
  contact: () =>
    fold(
      sql`${contacts.firstName} || ' ' || ${contacts.lastName} || ' ' || ${contacts.lastName} || ' ' || ${contacts.firstName} || ' ' || coalesce(${contacts.email}, '')`,
    ),
  invoiceClient: () => fold(sql`${invoices.clientCode} || ' ' || ${invoices.clientName}`),
};

/** `document` contains `words` (already one word or phrase), accents, case and LIKE signs aside. */
export function containsFolded(document: SQL, words: string): SQL {
  const escaped = words.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${document} like '%' || public.mailroom_fold(${escaped}::text) || '%'`;
}
