// Auth.js's drizzle adapter on our tables, with two changes:
// - the provider's OAuth tokens are not stored: sign-in needs only the account link, and a token
//   kept in clear would be a liability;
// - sessions are stored under the sha256 of their token, like API keys, magic links and
//   invitations: a leaked sessions table (a backup, a replica) lets nobody in. The browser's cookie
//   keeps the token itself; every lookup hashes it first.
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { Adapter, AdapterSession } from 'next-auth/adapters';
import { sha256 } from '../crypto/tokens';
import type { Db } from '../db/client';
import { accounts, sessions, users, verificationTokens } from '../db/schema/auth';

/** What the sessions table holds for a cookie's token. */
export function storedSessionToken(token: string): string {
  return sha256(token);
}

export function mailroomAdapter(db: Db): Adapter {
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  // Auth.js sets the cookie from what createSession returns: hand the token back, never the hash.
  const withToken = <S extends AdapterSession | null | undefined>(session: S, token: string): S =>
    session ? { ...session, sessionToken: token } : session;
  return {
    ...adapter,
    linkAccount: (account) =>
      adapter.linkAccount!({
        ...account,
        access_token: undefined,
        refresh_token: undefined,
        id_token: undefined,
      }),
    createSession: async (session) =>
      withToken(
        await adapter.createSession!({ ...session, sessionToken: storedSessionToken(session.sessionToken) }),
        session.sessionToken,
      ),
    getSessionAndUser: async (token) => {
      const found = await adapter.getSessionAndUser!(storedSessionToken(token));
      return found ? { ...found, session: withToken(found.session, token) } : null;
    },
    updateSession: async (session) =>
      withToken(
        await adapter.updateSession!({ ...session, sessionToken: storedSessionToken(session.sessionToken) }),
        session.sessionToken,
      ),
    deleteSession: async (token) => {
      await adapter.deleteSession!(storedSessionToken(token));
    },
  };
}
