// The outbox's search text, kept beside the messages instead of in an index on them: a trigram
// index on outbox_messages was half of the database's work of inserting a message (measured: README,
// "Outbox performance"), so the insert writes none and lib/outbox/index-outbox-search.ts fills this
// table in batches shortly after. A search reads this table's index and matches the few messages
// not indexed yet directly (lib/db/search-text.ts (outboxMessageMatches)), so a message is found as soon as it is queued.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { outboxMessages } from './outbox';

export const outboxSearch = pgTable(
  'outbox_search',
  {
    messageId: uuid()
      .primaryKey()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    /** public.mailroom_fold(subject, to, cc): lib/db/search-text.ts's searchText.outboxMessage(). */
    document: text().notNull(),
  },
  (t) => [index('outbox_search_document_trgm').using('gin', sql`${t.document} gin_trgm_ops`)],
);

/** One row: every outbox message created before `indexedBefore` is in outbox_search. */
export const outboxSearchState = pgTable('outbox_search_state', {
  id: boolean().primaryKey().default(true),
  indexedBefore: timestamp({ withTimezone: true }).notNull(),
});
