// The preview mailbox: mail "sent" through the preview transport is kept here, whole, instead of
// leaving the machine, like a local Mailpit. org_id is null for system mail (sign-in links,
// invitations) that belongs to no organisation yet.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../columns';
import { organizations } from './orgs';

export const previewMessages = pgTable(
  'preview_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().references(() => organizations.id, { onDelete: 'cascade' }),
    messageId: text().notNull(),
    from: text().notNull(),
    to: jsonb().$type<string[]>().notNull(),
    subject: text().notNull(),
    /** The complete RFC 5322 message as the transport would have sent it. */
    raw: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.createdAt)],
);

export type PreviewMessage = typeof previewMessages.$inferSelect;
