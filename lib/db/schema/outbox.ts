// The outbox: an organisation's sender accounts, one durable row per message to send, one row per
// attempt to send it, its attachments, and the org's delivery settings. The message row is the
// truth; its pg-boss job only says "look at this row now".
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
import { credentials } from './credentials';
import { storedFiles } from './files';
import { organizations } from './orgs';

/**
 * `gmail` / `microsoft`: a connected account, sending through the provider's API over OAuth (lib/oauth).
 * `twilio` / `brevo`: SMS providers (lib/sms); `preview` serves both channels (the preview mailbox).
 */
export const senderKindEnum = pgEnum('sender_kind', [
  'smtp',
  'preview',
  'gmail',
  'microsoft',
  'twilio',
  'brevo',
]);
export type SenderKind = (typeof senderKindEnum.enumValues)[number];

/**
 * What a delivery carries and how it travels: the lifecycle (lease, claim, rates, retries, pauses,
 * expiry, recovery, retention) is the same for every channel; the content has a table per channel
 * (email: the columns of outbox_messages; SMS: outbox_sms) and a transport + error classifier
 * registered in lib/outbox/channels.ts.
 */
export const channelEnum = pgEnum('delivery_channel', ['email', 'sms']);
export type Channel = (typeof channelEnum.enumValues)[number];

/** `tls`: implicit TLS from the first byte (port 465); `starttls`: upgrade required; `none`: plain. */
export const smtpSecurityEnum = pgEnum('smtp_security', ['tls', 'starttls', 'none']);
export type SmtpSecurity = (typeof smtpSecurityEnum.enumValues)[number];

export const messageStatusEnum = pgEnum('message_status', [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'expired',
]);
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];

/** A status no message ever leaves. */
export const FINAL_STATUSES = ['sent', 'failed', 'cancelled', 'expired'] as const satisfies MessageStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export const messageQueueEnum = pgEnum('message_queue', ['transactional', 'bulk']);
export type MessageQueue = (typeof messageQueueEnum.enumValues)[number];

export const attemptOutcomeEnum = pgEnum('attempt_outcome', [
  /** Handed to the transport; no answer yet (or the worker died: see `interrupted`). */
  'sending',
  'sent',
  'temporary_failure',
  'permanent_failure',
  /** The provider's daily quota was reached: the account pauses, the message waits. */
  'quota_exceeded',
  /** The worker stopped answering while the message was in flight; its lease expired. */
  'interrupted',
]);
export type AttemptOutcome = (typeof attemptOutcomeEnum.enumValues)[number];

export type Address = { address: string; name?: string };
/** A recipient the suppression list kept a message from: why, and since when. */
export type SuppressedRecipient = { address: string; reason: string; detail: string | null; since: string };

/**
 * Who asked for a message: the outbox itself knows nothing more of its callers. A feature hears its
 * messages' outcomes through the handler it registers for its kind (lib/outbox/origin-handlers.ts).
 */
export const originKindEnum = pgEnum('message_origin_kind', [
  'compose',
  'api',
  'invoice-run',
  'broadcast',
  'reply',
  /** The email telling whoever started an invoice run how it ended (lib/bulk/email-run-report.ts). */
  'run-report',
]);
export type OriginKind = (typeof originKindEnum.enumValues)[number];
/** A message's origin: its kind and the id of what it belongs to there (a run, a broadcast…). */
export type Origin = { kind: OriginKind; id: string | null };

export const senderAccounts = pgTable(
  'sender_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    name: text().notNull(),
    /** An account sends on one channel; each channel has its own default account. */
    channel: channelEnum().notNull().default('email'),
    kind: senderKindEnum().notNull(),
    /** Which preset filled host/port/security (gmail, outlook, …), or null for a custom server. */
    preset: text(),
    fromAddress: text().notNull(),
    fromName: text(),
    replyTo: text(),
    host: text(),
    port: integer(),
    security: smtpSecurityEnum(),
    username: text(),
    /** How the account signs in (lib/credentials); null: no sign-in (or none yet). */
    credentialId: uuid().references(() => credentials.id, { onDelete: 'set null' }),
    /** Accept a self-signed or otherwise invalid TLS certificate (an internal relay). */
    allowInvalidCertificate: boolean().notNull().default(false),
    /** Null means no limit. Enforced across every worker process (lib/outbox/reserve-send-slots.ts). */
    ratePerMinute: integer(),
    ratePerDay: integer(),
    /** Pooled SMTP connections per worker process. */
    maxConnections: integer().notNull().default(5),
    /** The account enqueueMessage uses when the caller names none. */
    isDefault: boolean().notNull().default(false),
    /**
     * Set when the provider answered "daily quota reached", or its server could not be reached:
     * nothing is sent before this time.
     */
    pausedUntil: timestamp({ withTimezone: true }),
    pauseReason: text(),
    /** Since when the server has been unreachable (cleared by the next message that goes out). */
    unreachableSince: timestamp({ withTimezone: true }),
    lastVerifiedAt: timestamp({ withTimezone: true }),
    lastVerifyOk: boolean(),
    lastVerifyMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Deleted accounts stay for the history of the messages they sent. */
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.orgId),
    uniqueIndex('sender_accounts_one_default_per_channel')
      .on(t.orgId, t.channel)
      .where(sql`${t.isDefault} and ${t.deletedAt} is null`),
  ],
);

/** Per-organisation delivery settings; an org without a row uses the defaults. */
export const outboxSettings = pgTable('outbox_settings', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** Attempts before a temporarily failing message is marked failed. */
  maxAttempts: integer().notNull().default(3),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const DEFAULT_MAX_ATTEMPTS = 3;

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    senderId: uuid()
      .notNull()
      .references(() => senderAccounts.id),
    /** Which content table holds what it carries (email: this row's columns; sms: outbox_sms). */
    channel: channelEnum().notNull().default('email'),
    /** Who asked for it (see originKindEnum). */
    originKind: originKindEnum().notNull().default('api'),
    /** What it belongs to at its origin, e.g. the invoice run (no foreign key: another domain's). */
    originId: uuid(),
    queue: messageQueueEnum().notNull().default('transactional'),
    status: messageStatusEnum().notNull(),
    /**
     * The sender's From at enqueue time: the message goes out as it was written. The addressing
     * columns (from, to) are every channel's (an SMS: the sender name or number, and the phone
     * number as its one `to`); the rest of the content is email's — an SMS's is in outbox_sms.
     */
    fromAddress: text().notNull(),
    fromName: text(),
    to: jsonb().$type<Address[]>().notNull(),
    cc: jsonb().$type<Address[]>().notNull().default([]),
    bcc: jsonb().$type<Address[]>().notNull().default([]),
    replyTo: text(),
    subject: text().notNull(),
    text: text(),
    html: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** RFC 5322 Message-ID, fixed at enqueue and sent unchanged on every attempt. */
    messageId: text().notNull(),
    providerMessageId: text(),
    /** Attempts that count towards maxAttempts (a daily-quota deferral does not). */
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    lastError: text(),
    /** When the message becomes due. */
    sendAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A message still unsent at this time is marked expired instead of being sent late. */
    expiresAt: timestamp({ withTimezone: true }),
    /** Earliest time of the next attempt (retry backoff, rate limit, paused account). */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** While `sending`: the worker's lease. Past it, the message is recovered and sent again. */
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    /** Same key within 24 h → the first message is returned instead of a new one. */
    idempotencyKey: text(),
    /** SHA-256 of the message as asked for with that key: the same key with another body is refused. */
    requestHash: text(),
    attachmentCount: integer().notNull().default(0),
    attachmentBytes: integer().notNull().default(0),
    /**
     * Recipients left out at enqueue because the organisation's suppression list named them, with
     * the entry's reason: the message says per recipient why it was not sent to them.
     */
    suppressed: jsonb().$type<SuppressedRecipient[]>().notNull().default([]),
    /** A message made by "retry" of a failed one points to it. */
    retryOf: uuid(),
    sentAt: timestamp({ withTimezone: true }),
    /** When the message reached its final status. */
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Every status change rewrites the row and touches each index whose predicate it matches: the
  // partial indexes keep that to the few a message needs at each stage (measured: see the README's
  // Performance section).
  (t) => [
    index().on(t.orgId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('outbox_messages_idempotency')
      .on(t.orgId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('outbox_messages_sending').on(t.lockedUntil).where(sql`${t.status} = 'sending'`),
    index('outbox_messages_waiting').on(t.sendAt).where(sql`${t.status} in ('scheduled', 'queued')`),
    index('outbox_messages_finished')
      .on(t.finishedAt)
      .where(sql`${t.status} in ('sent', 'failed', 'cancelled', 'expired')`),
    index('outbox_messages_origin').on(t.originKind, t.originId).where(sql`${t.originId} is not null`),
    // A bounce names the original by its Message-ID (lib/inbox/record-bounces.ts).
    index('outbox_messages_message_id').on(t.orgId, t.messageId),
    // A provider's delivery report names the SMS by the provider's id (lib/sms/record-sms-report.ts):
    // without it every report scanned the organisation's messages. SMS only, so e-mail settles do
    // not maintain it.
    index('outbox_messages_sms_provider_id')
      .on(t.senderId, t.providerMessageId)
      .where(sql`${t.channel} = 'sms' and ${t.providerMessageId} is not null`),
    index('outbox_messages_sender_waiting')
      .on(t.senderId)
      .where(sql`${t.status} in ('scheduled', 'queued', 'sending')`),
  ],
);

export const messageAttempts = pgTable(
  'outbox_message_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    messageId: uuid()
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    senderId: uuid()
      .notNull()
      .references(() => senderAccounts.id),
    /** 1, 2, 3… in the order the attempts started. */
    number: integer().notNull(),
    outcome: attemptOutcomeEnum().notNull().default('sending'),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** SMTP reply code (250, 421, 550, …) when there was one. */
    smtpCode: integer(),
    /** The server's answer, as it said it. */
    response: text(),
    /** What went wrong, in plain words; null when sent. */
    error: text(),
    providerMessageId: text(),
    workerId: text(),
  },
  (t) => [index().on(t.messageId, t.number), index().on(t.senderId, t.startedAt)],
);

export const messageAttachments = pgTable(
  'outbox_message_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    messageId: uuid()
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    position: integer().notNull(),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    /** For inline images referenced as cid:… in the HTML. */
    contentId: text(),
    /** The stored file (content-addressed, shared by every message that carries it). */
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id),
  },
  (t) => [index().on(t.messageId, t.position), index().on(t.fileId)],
);

export type SenderAccount = typeof senderAccounts.$inferSelect;
export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type MessageAttempt = typeof messageAttempts.$inferSelect;
export type MessageAttachment = typeof messageAttachments.$inferSelect;

/** What happened to a message after it was sent (bounces, delivery reports, tracking…). */
export const deliveryEventKindEnum = pgEnum('delivery_event_kind', [
  'bounced-hard',
  'bounced-soft',
  'delivered',
  'opened',
  'clicked',
  'complained',
  'unsubscribed',
  /** SMS delivery reports: the operator could not deliver it, or the provider failed to send it. */
  'undelivered',
  'failed',
]);
export type DeliveryEventKind = (typeof deliveryEventKindEnum.enumValues)[number];

/**
 * Events after a message's final status, per message and recipient, recorded by
 * lib/outbox/record-delivery-events.ts and dispatched to the message's origin like its outcome.
 */
export const deliveryEvents = pgTable(
  'outbox_delivery_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    messageId: uuid()
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    /** The address (or phone number) the event is about; null when it concerns every recipient. */
    recipient: text(),
    kind: deliveryEventKindEnum().notNull(),
    /** When it happened, as the source says. */
    at: timestamp({ withTimezone: true }).notNull(),
    /** The source's own words (a bounce's diagnostic code, a clicked link…). */
    detail: text(),
    /** Who told us: `inbox` (a bounce read from a mailbox), `webhook:<provider>`, `tracking`… */
    source: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.messageId, t.at), index().on(t.orgId, t.kind, t.at)],
);
export type DeliveryEventRow = typeof deliveryEvents.$inferSelect;
