// Scheduled messages ("broadcasts") to contacts and groups: the message as written (targets,
// channels, content with variables, when), one row per recipient and channel once it is expanded at
// its due time (each with its own status, outbox message or SMS, and reads), the templates people
// start from, and the organisation's tracking setting. Delivery itself is the outbox's.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { users } from './auth';
import { contacts } from './contacts';
import { organizations } from './orgs';
import { runs } from './progress';

/** draft → scheduled → pending (expanded, handed to the outbox) → sent | failed; cancelled. */
export const broadcastStatusEnum = pgEnum('broadcast_status', [
  'draft',
  'scheduled',
  'pending',
  'sent',
  'failed',
  'cancelled',
]);
export type BroadcastStatus = (typeof broadcastStatusEnum.enumValues)[number];

export const broadcastChannelEnum = pgEnum('broadcast_channel', ['email', 'sms']);
export type BroadcastChannel = (typeof broadcastChannelEnum.enumValues)[number];

/** Per recipient: pending (handed over) → sent | failed; skipped (never handed over, with why); cancelled. */
export const broadcastRecipientStatusEnum = pgEnum('broadcast_recipient_status', [
  'pending',
  'sent',
  'failed',
  'skipped',
  'cancelled',
]);
export type BroadcastRecipientStatus = (typeof broadcastRecipientStatusEnum.enumValues)[number];

export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** Which channels were asked for: ['email'], ['sms'] or both. */
    channels: jsonb().$type<BroadcastChannel[]>().notNull(),
    /** Contacts named one by one, and groups expanded as they are at the due time. */
    contactIds: jsonb().$type<string[]>().notNull().default([]),
    groupIds: jsonb().$type<string[]>().notNull().default([]),
    /** The email's subject (variables allowed). */
    subject: text().notNull().default(''),
    /** The content, with {variables}; plain text (the email's HTML is made from it). */
    content: text().notNull(),
    /** The sender account for emails; null: the organisation's default. */
    senderId: uuid(),
    /** The SMS account (lib/sms), null: the default. */
    smsAccountId: uuid(),
    status: broadcastStatusEnum().notNull(),
    /** When it is due (UTC; entered in the organisation's zone). Null while a draft without a date. */
    scheduledAt: timestamp({ withTimezone: true }),
    /** Not expanded by then: failed with the reason. */
    expiresAt: timestamp({ withTimezone: true }),
    /** The run (lib/progress) that follows its delivery once expanded. */
    runId: uuid().references(() => runs.id, { onDelete: 'set null' }),
    /** Why it failed (expired, no recipient…), in English; the page has its own words for the codes. */
    failureReason: text(),
    /** Opens counted without a person (per-person tracking off): human and machine apart. */
    aggregateToken: text().notNull(),
    humanOpens: integer().notNull().default(0),
    machineOpens: integer().notNull().default(0),
    idempotencyKey: text(),
    requestHash: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When it was expanded into its recipients. */
    expandedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('broadcasts_due').on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`),
    uniqueIndex('broadcasts_idempotency')
      .on(t.orgId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    uniqueIndex('broadcasts_aggregate_token').on(t.aggregateToken),
  ],
);

export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    broadcastId: uuid()
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    contactId: uuid().references(() => contacts.id, { onDelete: 'set null' }),
    channel: broadcastChannelEnum().notNull(),
    /** The address or E.164 number it went to (kept when the contact changes or goes). */
    address: text(),
    name: text().notNull().default(''),
    status: broadcastRecipientStatusEnum().notNull(),
    /** Why skipped or failed, in English ("opted out of email: moved away", "missing {childName}"). */
    reason: text(),
    /** The outbox message (email) or SMS row it became. No foreign key: another domain's, and retention deletes them. */
    outboxMessageId: uuid(),
    smsId: uuid(),
    /** Random, opaque: the pixel's and the unsubscribe link's token carry it, signed (tracking-token.ts). */
    token: text(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    /** The first human open (or mark-as-read). */
    readAt: timestamp({ withTimezone: true }),
    humanOpens: integer().notNull().default(0),
    machineOpens: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.broadcastId, t.status),
    index('broadcast_recipients_outbox').on(t.outboxMessageId).where(sql`${t.outboxMessageId} is not null`),
    index('broadcast_recipients_sms').on(t.smsId).where(sql`${t.smsId} is not null`),
    uniqueIndex('broadcast_recipients_token').on(t.token),
    index().on(t.orgId, t.createdAt),
  ],
);

export const broadcastTemplates = pgTable(
  'broadcast_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    name: text().notNull(),
    subject: text().notNull().default(''),
    content: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.orgId, t.name)],
);

/** Per-organisation settings; an org without a row uses the defaults. */
export const broadcastSettings = pgTable('broadcast_settings', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /**
   * Off by default: opens are counted per message only (CNIL: per-person open tracking needs the
   * recipient's consent). On: each recipient's first human open sets their readAt.
   */
  perPersonTracking: boolean().notNull().default(false),
  /**
   * Appended to the SMS of group messages (French law asks marketing SMS for an opt-out mention
   * such as "STOP au 36180", with the number the provider gives); null: none.
   */
  smsStopMention: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Broadcast = typeof broadcasts.$inferSelect;
export type BroadcastRecipient = typeof broadcastRecipients.$inferSelect;
export type BroadcastTemplate = typeof broadcastTemplates.$inferSelect;
