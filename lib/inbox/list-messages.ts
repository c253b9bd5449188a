// The shared inbox: messages of every mailbox of the organisation, newest first, with filters and
// keyset pagination (stable while new mail arrives).
import { and, desc, type SQL, sql } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type InboxMessage, inboxMessages } from '../db/schema/inbox';
import { messageFilters } from './message-filters';
import {
  decodeCursor,
  encodeCursor,
  type ListMessagesQuery,
  listMessagesQuery,
  type MessageSummaryView,
} from './messages.schema';

export const messageSummaryColumns = {
  id: inboxMessages.id,
  mailboxId: inboxMessages.mailboxId,
  folder: inboxMessages.folder,
  subject: inboxMessages.subject,
  fromName: inboxMessages.fromName,
  fromAddress: inboxMessages.fromAddress,
  to: inboxMessages.to,
  date: inboxMessages.date,
  receivedAt: inboxMessages.receivedAt,
  snippet: inboxMessages.snippet,
  seen: inboxMessages.seen,
  hasAttachments: inboxMessages.hasAttachments,
  threadKey: inboxMessages.threadKey,
  size: inboxMessages.size,
  automatic: inboxMessages.automatic,
  messageId: inboxMessages.messageId,
};

type SummaryRow = Pick<InboxMessage, keyof typeof messageSummaryColumns>;

export function toMessageSummary(row: SummaryRow): MessageSummaryView {
  return {
    id: row.id,
    integrationId: row.mailboxId,
    folder: row.folder,
    subject: row.subject,
    from: { name: row.fromName, address: row.fromAddress },
    to: row.to,
    date: row.date,
    receivedAt: row.receivedAt,
    snippet: row.snippet,
    seen: row.seen,
    hasAttachments: row.hasAttachments,
    threadKey: row.threadKey,
    size: row.size,
    automatic: row.automatic,
    messageId: row.messageId,
  };
}

export async function listMessages(
  db: DbOrTx,
  ctx: OrgContext,
  query: ListMessagesQuery,
): Promise<{ messages: MessageSummaryView[]; nextCursor: string | null }> {
  const q = parseOr400(listMessagesQuery, query, 'query');
  const conditions: SQL[] = [
    messageFilters(ctx, {
      integrationId: q.integrationId,
      q: q.q,
      unread: q.unread === 'true',
      threadKey: q.threadKey,
    }),
  ];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conditions.push(
      sql`(${inboxMessages.receivedAt}, ${inboxMessages.id}) < (${c.at.toISOString()}::timestamptz, ${c.id}::uuid)`,
    );
  }
  const rows = await db
    .select(messageSummaryColumns)
    .from(inboxMessages)
    .where(and(...conditions))
    .orderBy(desc(inboxMessages.receivedAt), desc(inboxMessages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    messages: page.map(toMessageSummary),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.receivedAt, last.id) : null,
  };
}
