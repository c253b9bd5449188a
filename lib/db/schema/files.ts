// Files stored once per organisation, addressed by their content (SHA-256): an invoice's PDF and
// every outbox message that attaches it refer to the same row instead of copying the bytes. A file
// is deleted only when no row refers to it any more (lib/files/delete-unreferenced-files.ts).
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, orgIdColumn } from '../columns';

export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** Hex SHA-256 of the content. */
    sha256: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Touched whenever a new reference is made: the sweep leaves recently used files alone. */
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.orgId, t.sha256), index().on(t.lastUsedAt)],
);

export type StoredFile = typeof storedFiles.$inferSelect;
