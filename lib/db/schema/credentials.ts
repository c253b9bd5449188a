// Credentials, kept apart from the accounts that use them: a sender account or an inbox mailbox
// refers to one. The secret part (a password; an OAuth grant's tokens) is sealed in `secret_sealed`
// and validated per kind when read (lib/credentials/credential-secret.ts); what is not secret and
// must be queryable (expiry, scopes, status) sits in columns beside it.
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';

/** `password`: SMTP/IMAP sign-in with a password; `oauth`: a grant with access and refresh tokens. */
export const credentialKindEnum = pgEnum('credential_kind', ['password', 'oauth']);
export type CredentialKind = (typeof credentialKindEnum.enumValues)[number];

/** `needs_reconnect`: the provider refused the grant (revoked, expired); a person must connect again. */
export const credentialStatusEnum = pgEnum('credential_status', ['active', 'needs_reconnect']);
export type CredentialStatus = (typeof credentialStatusEnum.enumValues)[number];

export const credentials = pgTable(
  'credentials',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    kind: credentialKindEnum().notNull(),
    /** OAuth: who issued the grant (google, microsoft); null for a password. */
    provider: text(),
    /** OAuth: the scopes granted; not secret, it says what the account may be used for. */
    scopes: jsonb().$type<string[]>().notNull().default([]),
    /** OAuth: when the sealed access token stops working (refreshed ahead of it); null otherwise. */
    expiresAt: timestamp({ withTimezone: true }),
    status: credentialStatusEnum().notNull().default('active'),
    /** Why the credential needs a person (the provider's words); null while active. */
    statusReason: text(),
    /** seal()ed secret of the kind; never returned, shown or logged. */
    secretSealed: text().notNull(),
    /** +1 on every write of the secret: tells a holder of an older copy that it changed. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId)],
);

export type Credential = typeof credentials.$inferSelect;
