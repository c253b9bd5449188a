// The organisation's suppression list: addresses (or phone numbers) the outbox no longer sends to.
// A hard bounce adds one (lib/outbox/record-delivery-events.ts); people add and remove them on the
// settings page or through the REST API. Checked when a message is enqueued: a suppressed
// recipient is left out of the message and named, with the entry's reason, on the message.
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';

/** Why an address is on the list: a hard bounce, a spam complaint, or a person put it there. */
export const suppressionReasonEnum = pgEnum('suppression_reason', ['hard-bounce', 'complaint', 'manual']);
export type SuppressionReason = (typeof suppressionReasonEnum.enumValues)[number];

export const suppressedAddresses = pgTable(
  'suppressed_addresses',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** Lowercased email address, or an E.164 phone number. */
    address: text().notNull(),
    reason: suppressionReasonEnum().notNull(),
    /** Who put it there: `inbox` (a bounce read from a mailbox), `webhook:<provider>`, `ui`, `api`. */
    source: text().notNull(),
    /** The remote server's diagnostic for a bounce, or the note a person wrote. */
    detail: text(),
    /** The outbox message whose bounce put it there (no foreign key: messages are deleted by retention). */
    messageId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.orgId, t.address)],
);
export type SuppressedAddress = typeof suppressedAddresses.$inferSelect;
