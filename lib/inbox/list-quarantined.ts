// Messages that could not be imported, with the reason, newest first; and the raw message as
// fetched, for a person to inspect.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { notFound, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxQuarantinedMessages } from '../db/schema/inbox';
import { byIdInOrg, firstOr404, inOrg } from '../db/scoped';
import {
  decodeCursor,
  encodeCursor,
  type ListQuarantineQuery,
  listQuarantineQuery,
  type QuarantinedView,
} from './messages.schema';

const q = inboxQuarantinedMessages;

export async function listQuarantined(
  db: DbOrTx,
  ctx: OrgContext,
  query: ListQuarantineQuery,
): Promise<{ quarantined: QuarantinedView[]; nextCursor: string | null }> {
  const input = parseOr400(listQuarantineQuery, query, 'query');
  const conditions: SQL[] = [inOrg(q, ctx)];
  if (input.integrationId) conditions.push(eq(q.mailboxId, input.integrationId));
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    conditions.push(sql`(${q.createdAt}, ${q.id}) < (${c.at.toISOString()}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await db
    .select({
      id: q.id,
      mailboxId: q.mailboxId,
      folder: q.folder,
      uid: q.uid,
      error: q.error,
      rawSize: q.rawSize,
      subject: q.subject,
      from: q.from,
      receivedAt: q.receivedAt,
      createdAt: q.createdAt,
      hasRaw: sql<boolean>`${q.raw} is not null`,
    })
    .from(q)
    .where(and(...conditions))
    .orderBy(desc(q.createdAt), desc(q.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    quarantined: page.map(({ mailboxId, hasRaw, ...r }) => ({
      ...r,
      integrationId: mailboxId,
      rawUrl: hasRaw ? `/api/v1/inbox/quarantine/${r.id}/raw` : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function getQuarantinedRaw(db: DbOrTx, ctx: OrgContext, id: string): Promise<Buffer> {
  const row = firstOr404(
    await db
      .select({ raw: q.raw })
      .from(q)
      .where(byIdInOrg(q, id, ctx)),
    'Quarantined message',
  );
  if (!row.raw) throw notFound('Raw message (it was too large to be fetched)');
  return row.raw;
}
