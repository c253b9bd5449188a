// The SMS channel's tables: what an SMS delivery carries (beside its channel-agnostic row in
// outbox_messages), and what an SMS account needs beyond the sender_accounts row that the delivery
// core claims, rate-limits and pauses (the provider's account id, the secret of its webhook URLs).
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { deliveryEventKindEnum, outboxMessages, senderAccounts } from './outbox';

/** GSM-7 (160 characters a segment, 153 when split) or UCS-2 (70, 67 when split). */
export const smsEncodingEnum = pgEnum('sms_encoding', ['GSM-7', 'UCS-2']);
export type SmsEncoding = (typeof smsEncodingEnum.enumValues)[number];

export const outboxSms = pgTable(
  'outbox_sms',
  {
    messageId: uuid()
      .primaryKey()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    /** E.164 (`+33612345678`): the same as the row's one `to`, kept here typed. */
    toPhone: text().notNull(),
    text: text().notNull(),
    segments: integer().notNull(),
    encoding: smsEncodingEnum().notNull(),
  },
  (t) => [index().on(t.orgId, t.toPhone)],
);
export type OutboxSms = typeof outboxSms.$inferSelect;

export const smsAccountSettings = pgTable(
  'sms_account_settings',
  {
    senderId: uuid()
      .primaryKey()
      .references(() => senderAccounts.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    /** Twilio: the Account SID (`AC…`) the auth token (the sealed credential) belongs to. */
    providerAccountId: text(),
    /** Twilio: a Messaging Service SID (`MG…`) to send from instead of the From number. */
    messagingServiceId: text(),
    /**
     * The secret part of this account's webhook URLs (delivery reports, inbound replies): Brevo
     * signs nothing, so the URL itself is the proof; Twilio's are checked by signature as well.
     */
    webhookToken: text().notNull(),
    /** A message longer than this many segments is refused at enqueue. */
    maxSegments: integer().notNull().default(6),
  },
  (t) => [uniqueIndex().on(t.webhookToken)],
);
export type SmsAccountSettings = typeof smsAccountSettings.$inferSelect;

/**
 * A provider's delivery report that came before we knew the provider's id for its SMS: the provider
 * can call back (a fast "delivered") before the settle that records the id it answered has
 * committed — or while that settle waits out a database outage. Kept here, not dropped, and turned
 * into the SMS's delivery event once the id is known (lib/sms/early-reports.ts, every minute).
 */
export const smsEarlyReports = pgTable(
  'sms_early_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    senderId: uuid()
      .notNull()
      .references(() => senderAccounts.id, { onDelete: 'cascade' }),
    providerMessageId: text().notNull(),
    kind: deliveryEventKindEnum().notNull(),
    recipient: text(),
    detail: text(),
    /** When it happened, as the provider says (or when it reached us). */
    at: timestamp({ withTimezone: true }).notNull(),
    /** `webhook:<provider>`, as the delivery event will say. */
    source: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // A provider retries its callback: the same report is kept once.
  (t) => [uniqueIndex().on(t.senderId, t.providerMessageId, t.kind, t.source), index().on(t.receivedAt)],
);
