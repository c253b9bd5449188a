// The organisation's outbox, newest first, filtered (status, queue, sender, run, search) and paged
// with an opaque cursor (the last message seen), so a page never shifts as new messages arrive.
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema/outbox';
import { inOrg, isUuid } from '../db/scoped';
import { outboxSearchIds, readOutboxSearchWatermark } from '../db/search-text';
import type { ListMessagesFilter, MessageView } from './message.schema';
import { messageViewColumns, toMessageView } from './message-view';

export async function listMessages(
  db: DbOrTx,
  ctx: OrgContext,
  q: ListMessagesFilter,
): Promise<{ messages: MessageView[]; nextCursor: string | null }> {
  const where: SQL[] = [inOrg(outboxMessages, ctx)];
  if (q.status?.length) where.push(inArray(outboxMessages.status, q.status));
  if (q.queue) where.push(eq(outboxMessages.queue, q.queue));
  if (q.senderId) where.push(eq(outboxMessages.senderId, q.senderId));
  if (q.runId) where.push(eq(outboxMessages.originKind, 'invoice-run'), eq(outboxMessages.originId, q.runId));
  if (q.q?.trim()) {
    // Every word in the subject or a recipient, accents and case aside; or the exact id or Message-ID.
    const text = q.q.trim();
    const words = text.split(/\s+/).slice(0, 10);
    const exact = isUuid(text)
      ? sql`(outbox_messages.message_id = ${text} or outbox_messages.id = ${text}::uuid)`
      : sql`outbox_messages.message_id = ${text}`;
    const watermark = await readOutboxSearchWatermark(db);
    where.push(sql`${outboxMessages.id} in (${outboxSearchIds(ctx.orgId, words, watermark, exact)})`);
  }
  if (q.cursor) {
    // Compared in the database, at its microsecond precision: a batch shares one created_at.
    const id = decodeCursor(q.cursor);
    where.push(
      sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (select c.created_at, c.id from outbox_messages c where c.id = ${id} and c.org_id = ${ctx.orgId})`,
    );
  }
  const rows = await db
    .select(messageViewColumns)
    .from(outboxMessages)
    .where(and(...where))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    messages: page.map(toMessageView),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null,
  };
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(id)) {
    throw badRequest('Invalid query: cursor is not one this API gave out', [
      { path: 'cursor', message: 'is not one this API gave out' },
    ]);
  }
  return id;
}
