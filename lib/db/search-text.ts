// Accent- and case-insensitive search on parts of words: the folded text of a row (the same
// expressions the trigram indexes of drizzle/0031_search-folding.sql are built on — change both
// together, or the index is no longer used) compared with LIKE to the folded words typed. The
// outbox's folded text is stored apart, in outbox_search (drizzle/0037_outbox-search-backfill.sql
// and its trigger hold the same expression), so inserting a message indexes nothing.
import { and, type SQL, sql } from 'drizzle-orm';
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

/**
 * The outbox messages (of `orgId`) whose subject or recipients contain every word: those indexed in
 * outbox_search, found by its trigram index, and those created since the indexer's watermark,
 * folded and compared here — a few seconds' worth — so a message is found as soon as it is queued.
 * A condition on outbox_messages.id, for any query on that table.
 */
export function outboxMessageMatches(orgId: string, words: string[]): SQL {
  const indexed = and(...words.map((w) => containsFolded(sql`s.document`, w)))!;
  // The inner, unaliased outbox_messages is the one searchText.outboxMessage() names.
  const recent = and(...words.map((w) => containsFolded(searchText.outboxMessage(), w)))!;
  return sql`${outboxMessages.id} in (
    select s.message_id from outbox_search s where s.org_id = ${orgId} and ${indexed}
    union all
    select outbox_messages.id from outbox_messages
    where outbox_messages.org_id = ${orgId}
      and outbox_messages.created_at >= (select indexed_before from outbox_search_state)
      and ${recent})`;
}
