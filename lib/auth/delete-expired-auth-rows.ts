// Housekeeping for sign-in: expired sessions, unused magic-link tokens, stale invitations, and
// rate-limit counters whose window ended long ago (windows are minutes; a day is plenty).
import { and, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { rateLimits, sessions, verificationTokens } from '../db/schema/auth';
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
  const deletedCounters = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - 86_400_000)))
    .returning({ key: rateLimits.key });
  return {
    rateLimits: deletedCounters.length,
    sessions: deletedSessions.length,
    verificationTokens: deletedTokens.length,
    invitations: deletedInvitations.length,
  };
}
