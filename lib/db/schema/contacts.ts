// The people an organisation writes to (parents, clients, members) and the groups they are in (a
// class, a segment, a team). Email is stored lowercased and the phone in E.164, so "the same
// person" is one row per organisation whichever way their address or number was typed.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';

export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    firstName: text().notNull().default(''),
    lastName: text().notNull().default(''),
    /** Lowercased; null when the contact has only a phone. */
    email: text(),
    /** Mobile number in E.164 (`+33612345678`); null when the contact has only an email. */
    phone: text(),
    /** `en` or `fr`; null means the organisation's language. */
    language: text(),
    emailOptOutAt: timestamp({ withTimezone: true }),
    emailOptOutReason: text(),
    smsOptOutAt: timestamp({ withTimezone: true }),
    smsOptOutReason: text(),
    /** Free fields a message may use as variables (e.g. `childName`). */
    customFields: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Nulls are distinct in a unique index: many phone-only contacts, one row per address.
    uniqueIndex().on(t.orgId, t.email),
    uniqueIndex().on(t.orgId, t.phone),
    index().on(t.orgId, t.lastName, t.firstName),
  ],
);

export const contactGroups = pgTable(
  'contact_groups',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** Unique per organisation: the CSV import names groups by it. */
    name: text().notNull(),
    description: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.orgId, t.name)],
);

export const contactGroupMembers = pgTable(
  'contact_group_members',
  {
    orgId: orgIdColumn(),
    groupId: uuid()
      .notNull()
      .references(() => contactGroups.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.contactId] }), index().on(t.contactId)],
);

export type Contact = typeof contacts.$inferSelect;
export type ContactGroup = typeof contactGroups.$inferSelect;
