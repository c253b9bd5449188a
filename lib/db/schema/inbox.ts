// The shared inbox: an organisation's connected IMAP mailboxes, a sync cursor per mailbox folder,
// the messages imported from them (with their attachments), and the messages that could not be
// parsed (quarantined, with the reason). A server message's identity is the server's: its location
// (folder, UIDVALIDITY, UID), unique in inbox_message_locations, is what makes repeated syncs
// harmless. The same message found at another location (another folder, a new UIDVALIDITY) is
// recognised by its object id or the digest of its bytes, never by its Message-ID alone: two
// different messages that share a Message-ID stay two.
import { sql } from 'drizzle-orm';
import {
  bigint,
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
import type { SyncRunSummary } from '../../inbox/sync-summary.schema';
import { bytea, orgIdColumn } from '../columns';
import { credentials } from './credentials';
import { senderAccounts } from './outbox';

export const inboxKindEnum = pgEnum('inbox_kind', ['imap']);

/** `tls`: implicit TLS (993); `starttls`: upgrade required (143); `none`: plain, loopback only unless allowed. */
export const inboxSecurityEnum = pgEnum('inbox_security', ['tls', 'starttls', 'none']);
export type InboxSecurity = (typeof inboxSecurityEnum.enumValues)[number];

/** The outcome of the last run; `pending` until the first one. */
export const inboxSyncStatusEnum = pgEnum('inbox_sync_status', ['pending', 'success', 'partial', 'error']);
export type InboxSyncStatus = (typeof inboxSyncStatusEnum.enumValues)[number];

export type InboxAddress = { name: string; address: string };

/**
 * Mail no person wrote: a delivery status notification that a message failed (bounce) or reached
 * its recipients (delivery report: RFC 3464 action delivered / relayed / expanded), or an automatic
 * reply (out of office).
 */
export const inboxAutomaticKindEnum = pgEnum('inbox_automatic_kind', [
  'bounce',
  'auto-reply',
  'delivery-report',
]);
export type InboxAutomaticKind = (typeof inboxAutomaticKindEnum.enumValues)[number];

/**
 * What a delivery status notification says (lib/inbox/read-automatic.ts), and which outbox message
 * it was matched to: for a bounce its failed recipients (and, in a mixed report, the delivered
 * ones), for a delivery report the delivered ones.
 */
export type InboxBounceReport = {
  /** The Message-ID of the message that bounced (or was delivered), as the returned headers give it. */
  originalMessageId: string | null;
  recipients: {
    address: string;
    hard: boolean;
    status: string | null;
    diagnostic: string | null;
    /** `delivered` for a recipient the report says got it (absent in reports stored before). */
    outcome?: 'delivered';
  }[];
  /** The outbox message it was matched to (null: not one of ours, or not found). */
  outboxMessageId: string | null;
};

export const inboxMailboxes = pgTable(
  'inbox_mailboxes',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    kind: inboxKindEnum().notNull().default('imap'),
    name: text().notNull(),
    /** Which preset filled host/port/security (gmail, orange, …), or null for a custom server. */
    preset: text(),
    host: text().notNull(),
    port: integer().notNull(),
    security: inboxSecurityEnum().notNull(),
    /** False accepts a self-signed or otherwise unverifiable certificate (small self-hosted servers). */
    verifyTls: boolean().notNull().default(true),
    username: text().notNull(),
    /** How the mailbox signs in (lib/credentials): a password today, an OAuth grant later. */
    credentialId: uuid()
      .notNull()
      .references(() => credentials.id),
    folders: jsonb().$type<string[]>().notNull().default(['INBOX']),
    intervalMinutes: integer().notNull().default(5),
    active: boolean().notNull().default(true),
    /** Push: INBOX is watched with IMAP IDLE by one worker, new mail stored within seconds. */
    push: boolean().notNull().default(true),
    /**
     * The sender account replies and forwards from this mailbox go out through. Null: the sender
     * account sharing its credential (a connected Google or Microsoft account is one account), else
     * one with the mailbox's address, else the organisation's default (lib/inbox/resolve-reply-sender.ts).
     */
    senderId: uuid().references(() => senderAccounts.id, { onDelete: 'set null' }),
    status: inboxSyncStatusEnum().notNull().default('pending'),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    /** When the last run ended, whatever its outcome. */
    lastSyncAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    /** Set while a run holds the mailbox (cleared at its end); a crash leaves it stale, never blocking. */
    syncStartedAt: timestamp({ withTimezone: true }),
    /** The dispatcher enqueues a sync once this has passed: interval after success, backoff after errors. */
    nextSyncAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    consecutiveFailures: integer().notNull().default(0),
    messageCount: integer().notNull().default(0),
    quarantinedCount: integer().notNull().default(0),
    lastRun: jsonb().$type<SyncRunSummary>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.orgId),
    index().on(t.active, t.nextSyncAt),
    // The same account connected twice would import everything twice.
    uniqueIndex('inbox_mailboxes_org_account_unique').on(
      t.orgId,
      sql`lower(${t.host})`,
      sql`lower(${t.username})`,
    ),
  ],
);

/** Where the sync of one folder stands. Reset (and the folder matched again) when UIDVALIDITY changes. */
export const inboxFolderCursors = pgTable(
  'inbox_folder_cursors',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailboxes.id, { onDelete: 'cascade' }),
    folder: text().notNull(),
    uidValidity: bigint({ mode: 'number' }).notNull(),
    /** Every UID up to this one has been handled (new mail is `lastUid+1:*`). */
    lastUid: bigint({ mode: 'number' }).notNull().default(0),
    /** CONDSTORE: flag changes are fetched with CHANGEDSINCE this value. */
    highestModseq: bigint({ mode: 'bigint' }),
    /** First sync / rescan, newest first: UIDs below this (within the window) are still to fetch; null = done. */
    backfillBeforeUid: bigint({ mode: 'number' }),
    /** Without CONDSTORE: STATUS counts seen last time, to notice flag changes cheaply. */
    messages: integer(),
    unseen: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.mailboxId, t.folder)],
);

export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailboxes.id, { onDelete: 'cascade' }),
    /**
     * Its main location (the first found, moved when that one disappears): where \Seen is written.
     * Every location is in inbox_message_locations.
     */
    folder: text().notNull(),
    uid: bigint({ mode: 'number' }).notNull(),
    uidValidity: bigint({ mode: 'number' }).notNull(),
    /**
     * `oid:<OBJECTID/X-GM-MSGID>`, else `hash:<sha256 of the raw message>`. Rows imported before
     * locations existed keep their old `mid:`/`hash:` (headers) key. Not unique: see contentDigest.
     */
    externalId: text().notNull(),
    /** sha-256 (hex) of the raw message as the server sent it; null for rows imported before it existed. */
    contentDigest: text(),
    /** Set when none of its locations exists on the server any more (deleted there): out of the shared inbox. */
    removedAt: timestamp({ withTimezone: true }),
    messageId: text(),
    inReplyTo: text(),
    references: jsonb().$type<string[]>().notNull().default([]),
    /** The conversation: the root Message-ID of the thread (shared across the org's mailboxes). */
    threadKey: text().notNull(),
    fromName: text().notNull().default(''),
    fromAddress: text().notNull().default(''),
    to: jsonb().$type<InboxAddress[]>().notNull().default([]),
    cc: jsonb().$type<InboxAddress[]>().notNull().default([]),
    replyTo: jsonb().$type<InboxAddress[]>().notNull().default([]),
    subject: text().notNull().default(''),
    /** The Date header (null when missing or unreadable). */
    date: timestamp({ withTimezone: true }),
    /** The server's INTERNALDATE: when the mailbox received it. Lists sort by this. */
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    text: text(),
    /** As received: sanitised only when shown (lib/inbox/sanitize-message-html.ts). */
    html: text(),
    snippet: text().notNull().default(''),
    seen: boolean().notNull().default(false),
    size: integer().notNull(),
    hasAttachments: boolean().notNull().default(false),
    /** Set for bounces and automatic replies: labelled in the inbox, never answered automatically. */
    automatic: inboxAutomaticKindEnum(),
    bounce: jsonb().$type<InboxBounceReport>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.mailboxId, t.externalId),
    index().on(t.mailboxId, t.contentDigest),
    // The navigation's unread count (lib/inbox/count-unread.ts).
    index('inbox_messages_unread').on(t.orgId).where(sql`not ${t.seen} and ${t.removedAt} is null`),
    index().on(t.orgId, t.receivedAt, t.id),
    index().on(t.orgId, t.threadKey),
    index().on(t.orgId, t.messageId),
    index().on(t.mailboxId, t.folder, t.uid),
  ],
);

/**
 * Where a stored message is on the server: one row per (folder, UIDVALIDITY, UID) it was found at.
 * `goneAt` is set when the server no longer has it there (expunged, moved away, or the folder's
 * UIDVALIDITY changed and it was not found again); the row is kept so the mailbox page can say
 * what happened.
 */
export const inboxMessageLocations = pgTable(
  'inbox_message_locations',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailboxes.id, { onDelete: 'cascade' }),
    messageId: uuid()
      .notNull()
      .references(() => inboxMessages.id, { onDelete: 'cascade' }),
    folder: text().notNull(),
    uidValidity: bigint({ mode: 'number' }).notNull(),
    uid: bigint({ mode: 'number' }).notNull(),
    foundAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    goneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.mailboxId, t.folder, t.uidValidity, t.uid),
    index().on(t.messageId),
    index().on(t.mailboxId, t.goneAt),
  ],
);

/**
 * Which worker process holds a mailbox's IDLE connection: exactly one at a time. The holder renews
 * `expiresAt`; once it has passed (the worker died), another worker takes the lease over.
 */
export const inboxPushLeases = pgTable(
  'inbox_push_leases',
  {
    mailboxId: uuid()
      .primaryKey()
      .references(() => inboxMailboxes.id, { onDelete: 'cascade' }),
    /** Lower-cased mail server host: IDLE connections count against its connection cap. */
    host: text().notNull(),
    holder: text().notNull(),
    acquiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.host, t.expiresAt)],
);

export const inboxAttachments = pgTable(
  'inbox_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    inboxMessageId: uuid()
      .notNull()
      .references(() => inboxMessages.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    /** Content-ID without brackets, for `cid:` references in the HTML. */
    contentId: text(),
    inline: boolean().notNull().default(false),
    content: bytea().notNull(),
  },
  (t) => [index().on(t.inboxMessageId)],
);

/** A message that could not be imported (parser error, too large): kept with its reason, never retried blindly. */
export const inboxQuarantinedMessages = pgTable(
  'inbox_quarantined_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailboxes.id, { onDelete: 'cascade' }),
    folder: text().notNull(),
    uid: bigint({ mode: 'number' }).notNull(),
    uidValidity: bigint({ mode: 'number' }).notNull(),
    externalId: text().notNull(),
    error: text().notNull(),
    rawSize: integer().notNull(),
    /** The message as fetched, for download and inspection; null when it was too large to fetch. */
    raw: bytea(),
    /** Best effort from the raw header block, so a person can tell which message it was. */
    subject: text().notNull().default(''),
    from: text().notNull().default(''),
    receivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Keyed by location like messages: two broken messages sharing a Message-ID are two entries.
  (t) => [uniqueIndex().on(t.mailboxId, t.folder, t.uidValidity, t.uid), index().on(t.orgId, t.createdAt)],
);

export type InboxMailbox = typeof inboxMailboxes.$inferSelect;
export type InboxFolderCursor = typeof inboxFolderCursors.$inferSelect;
export type InboxMessage = typeof inboxMessages.$inferSelect;
export type NewInboxMessage = typeof inboxMessages.$inferInsert;
export type InboxMessageLocation = typeof inboxMessageLocations.$inferSelect;
export type InboxAttachment = typeof inboxAttachments.$inferSelect;
export type InboxQuarantinedMessage = typeof inboxQuarantinedMessages.$inferSelect;
