// Connecting a Google or Microsoft account: one row per authorization started and not yet
// finished. It binds the OAuth `state` to the person and organisation that started it and keeps
// the PKCE verifier on the server; the callback consumes it once, and it is worthless after
// `expiresAt`. The connected account itself is a credential (lib/db/schema/credentials.ts) and
// the sender account (and mailbox) that use it.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { users } from './auth';

export const oauthConnectStates = pgTable(
  'oauth_connect_states',
  {
    /** sha256 of the `state` sent to the provider (the value itself is only in the browser's URL). */
    stateHash: text().primaryKey(),
    orgId: orgIdColumn(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    /** What the account is for: `send`, `receive` or `send,receive`. */
    purpose: text().notNull(),
    /** seal()ed PKCE code verifier. */
    codeVerifierSealed: text().notNull(),
    /** The sender account being reconnected, if any (its id and history are kept). */
    senderId: uuid(),
    /** The connected account (its grant) being reconnected, if any: its sender and mailbox are kept. */
    credentialId: uuid(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.expiresAt)],
);
