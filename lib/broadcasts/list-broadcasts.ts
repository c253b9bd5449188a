// The organisation's messages, newest first (keyset pages), optionally by status.
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import { decodeCursor, encodeCursor } from '../contacts/page-cursor';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';
import { isUuid } from '../db/scoped';
import type { BroadcastView, ListBroadcastsQuery } from './broadcast.schema';
import { toBroadcastView } from './broadcast-view';

export async function listBroadcasts(
  db: DbOrTx,
  ctx: OrgContext,
  query: ListBroadcastsQuery,
): Promise<{ broadcasts: BroadcastView[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(broadcasts.orgId, ctx.orgId)];
  if (query.status?.length) where.push(inArray(broadcasts.status, query.status));
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
    const date = new Date(at);
    if (!Number.isNaN(date.getTime()) && isUuid(id)) {
      where.push(
        or(lt(broadcasts.createdAt, date), and(eq(broadcasts.createdAt, date), lt(broadcasts.id, id)))!,
      );
    }
  }
  const rows = await db
    .select()
    .from(broadcasts)
    .where(and(...where))
    .orderBy(desc(broadcasts.createdAt), desc(broadcasts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    broadcasts: page.map(toBroadcastView),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
