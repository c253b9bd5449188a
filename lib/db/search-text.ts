// Accent- and case-insensitive search on parts of words: the folded text of a row (the same
// expressions the trigram indexes of drizzle/0031_search-folding.sql are built on — change both
// together, or the index is no longer used) compared with LIKE to the folded words typed. The
// outbox's folded text is stored apart, in outbox_search (drizzle/0037_outbox-search-backfill.sql
// and its trigger hold the same expression), so inserting a message indexes nothing.
import { and, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
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
 * The ids of the outbox messages (of `orgId`) whose subject or recipients contain every word: those
 * indexed in outbox_search, found by its trigram index, and those created since the indexer's
 * watermark (`indexedBefore`, from readOutboxSearchWatermark: a value, so the planner sees how
 * recent it is and walks the list's (org_id, created_at) index), folded and compared here — a few
 * seconds' worth — so a message is found as soon as it is queued. `also`: more ids to union in
 * (an exact Message-ID), so the whole search stays one semi-join instead of an OR the planner
 * can only answer by testing every message of the organisation.
 */
export function outboxSearchIds(orgId: string, words: string[], indexedBefore: string, also?: SQL): SQL {
  const indexed = and(...words.map((w) => containsFolded(sql`s.document`, w)))!;
  // The inner, unaliased outbox_messages is the one searchText.outboxMessage() names.
  const recent = and(...words.map((w) => containsFolded(searchText.outboxMessage(), w)))!;
  return sql`
    select s.message_id from outbox_search s where s.org_id = ${orgId} and ${indexed}
    union all
    select outbox_messages.id from outbox_messages
    where outbox_messages.org_id = ${orgId}
      and outbox_messages.created_at >= ${indexedBefore}::timestamptz
      and ${recent}
    ${also ? sql`union all select outbox_messages.id from outbox_messages where outbox_messages.org_id = ${orgId} and ${also}` : sql``}`;
}

/** Every outbox message created before this time is in outbox_search (text: to the microsecond). */
export async function readOutboxSearchWatermark(db: DbOrTx): Promise<string> {
  const [row] = await db.execute<{ at: string }>(
    sql`select coalesce((select indexed_before from outbox_search_state), '-infinity')::text as at`,
  );
  return row!.at;
}
