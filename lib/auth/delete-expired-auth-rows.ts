// Housekeeping for sign-in: expired sessions, unused magic-link tokens and stale invitations.
import { and, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { sessions, verificationTokens } from '../db/schema/auth';
import { invitations } from '../db/schema/orgs';

export async function deleteExpiredAuthRows(db: DbOrTx, now = new Date()) {
  const deletedSessions = await db
    .delete(sessions)
    .where(lt(sessions.expires, now))
    .returning({ t: sessions.sessionToken });
  const deletedTokens = await db
    .delete(verificationTokens)
    .where(lt(verificationTokens.expires, now))
    .returning({ t: verificationTokens.token });
  const deletedInvitations = await db
    .delete(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return {
    sessions: deletedSessions.length,
    verificationTokens: deletedTokens.length,
    invitations: deletedInvitations.length,
  };
}
