// What needs a person on the dashboard: sender accounts that cannot send (paused, unreachable, a
// failed check, a grant to reconnect) and mailboxes whose sync fails, each with the reason.
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { inboxMailboxes } from '../db/schema/inbox';
import { senderAccounts } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';

export type AttentionSender = {
  id: string;
  name: string;
  fromAddress: string;
  /** Why, as the server or provider said it (null when only the state is known). */
  reason: string | null;
  problem: 'needs_reconnect' | 'paused' | 'unreachable' | 'verify_failed';
  pausedUntil: Date | null;
};
export type AttentionMailbox = {
  id: string;
  name: string;
  username: string;
  reason: string | null;
  problem: 'needs_reconnect' | 'sync_error';
};

export async function listAttention(
  db: DbOrTx,
  ctx: OrgContext,
): Promise<{ senders: AttentionSender[]; mailboxes: AttentionMailbox[] }> {
  const [senderRows, mailboxRows] = await Promise.all([
    db
      .select({
        id: senderAccounts.id,
        name: senderAccounts.name,
        fromAddress: senderAccounts.fromAddress,
        pausedUntil: senderAccounts.pausedUntil,
        pauseReason: senderAccounts.pauseReason,
        unreachableSince: senderAccounts.unreachableSince,
        lastVerifyOk: senderAccounts.lastVerifyOk,
        lastVerifyMessage: senderAccounts.lastVerifyMessage,
        credentialStatus: credentials.status,
        credentialReason: credentials.statusReason,
      })
      .from(senderAccounts)
      .leftJoin(credentials, eq(credentials.id, senderAccounts.credentialId))
      .where(
        and(
          inOrg(senderAccounts, ctx),
          isNull(senderAccounts.deletedAt),
          ne(senderAccounts.kind, 'preview'),
          or(
            sql`${senderAccounts.pausedUntil} > now()`,
            sql`${senderAccounts.unreachableSince} is not null`,
            eq(senderAccounts.lastVerifyOk, false),
            eq(credentials.status, 'needs_reconnect'),
          ),
        ),
      )
      .orderBy(senderAccounts.name),
    db
      .select({
        id: inboxMailboxes.id,
        name: inboxMailboxes.name,
        username: inboxMailboxes.username,
        lastError: inboxMailboxes.lastError,
        credentialStatus: credentials.status,
        credentialReason: credentials.statusReason,
      })
      .from(inboxMailboxes)
      .leftJoin(credentials, eq(credentials.id, inboxMailboxes.credentialId))
      .where(
        and(
          inOrg(inboxMailboxes, ctx),
          eq(inboxMailboxes.active, true),
          or(eq(inboxMailboxes.status, 'error'), eq(credentials.status, 'needs_reconnect')),
        ),
      )
      .orderBy(inboxMailboxes.name),
  ]);
  const now = Date.now();
  return {
    senders: senderRows.map((r) => {
      const base = { id: r.id, name: r.name, fromAddress: r.fromAddress, pausedUntil: r.pausedUntil };
      if (r.credentialStatus === 'needs_reconnect')
        return { ...base, problem: 'needs_reconnect' as const, reason: r.credentialReason ?? r.pauseReason };
      if (r.pausedUntil && r.pausedUntil.getTime() > now)
        return { ...base, problem: 'paused' as const, reason: r.pauseReason };
      if (r.unreachableSince) return { ...base, problem: 'unreachable' as const, reason: r.pauseReason };
      return { ...base, problem: 'verify_failed' as const, reason: r.lastVerifyMessage };
    }),
    mailboxes: mailboxRows.map((r) =>
      r.credentialStatus === 'needs_reconnect'
        ? {
            id: r.id,
            name: r.name,
            username: r.username,
            problem: 'needs_reconnect' as const,
            reason: r.credentialReason,
          }
        : {
            id: r.id,
            name: r.name,
            username: r.username,
            problem: 'sync_error' as const,
            reason: r.lastError,
          },
    ),
  };
}
