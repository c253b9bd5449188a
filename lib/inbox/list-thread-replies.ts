// The replies and forwards sent from Mailroom in a conversation, with their outbox status: shown in
// the conversation at once, before any copy of them is synced. Once the mailbox's Sent folder has
// been synced, the stored copy (same Message-ID, ours) is the conversation's message and the outbox
// entry is only its status: `stored` names it, so nothing is shown twice.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type MessageStatus, outboxMessages } from '../db/schema/outbox';

export type ThreadReply = {
  /** The outbox message. */
  id: string;
  /** The inbox message it answers or forwards. */
  inReplyToId: string;
  status: MessageStatus;
  subject: string;
  to: string[];
  messageId: string;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  /** The inbox message that is its synced copy (from the Sent folder), if any. */
  storedAs: string | null;
};

export async function listThreadReplies(
  db: DbOrTx,
  ctx: OrgContext,
  thread: { id: string; messageId: string | null }[],
): Promise<ThreadReply[]> {
  if (thread.length === 0) return [];
  const m = outboxMessages;
  const rows = await db
    .select({
      id: m.id,
      inReplyToId: sql<string>`${m.originId}`,
      status: m.status,
      subject: m.subject,
      to: m.to,
      messageId: m.messageId,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      lastError: m.lastError,
    })
    .from(m)
    .where(
      and(
        eq(m.orgId, ctx.orgId),
        eq(m.originKind, 'reply'),
        sql`${m.originId} = any(${sql.param(thread.map((t) => t.id))}::uuid[])`,
      ),
    )
    .orderBy(asc(m.createdAt), asc(m.id));
  const stored = new Map(thread.flatMap((t) => (t.messageId ? [[t.messageId, t.id] as const] : [])));
  return rows.map((r) => ({
    ...r,
    to: r.to.map((a) => a.address),
    storedAs: stored.get(r.messageId) ?? null,
  }));
}
