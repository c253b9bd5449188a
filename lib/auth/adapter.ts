// Auth.js's drizzle adapter on our tables, with one change: the provider's OAuth tokens are not
// stored. Sign-in needs only the account link; a token kept in clear would be a liability.
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { Adapter } from 'next-auth/adapters';
import type { Db } from '../db/client';
import { accounts, sessions, users, verificationTokens } from '../db/schema/auth';

export function mailroomAdapter(db: Db): Adapter {
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...adapter,
    linkAccount: (account) =>
      adapter.linkAccount!({
        ...account,
        access_token: undefined,
        refresh_token: undefined,
        id_token: undefined,
      }),
  };
}
