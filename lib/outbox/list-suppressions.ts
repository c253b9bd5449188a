// The organisation's suppression list, newest first, a page at a time.
import { and, desc, ilike, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { suppressedAddresses } from '../db/schema/suppressions';
import { inOrg } from '../db/scoped';
import type { listSuppressionsQuery, SuppressionView } from './suppressions.schema';

export async function listSuppressions(
  db: DbOrTx,
  ctx: OrgContext,
  query: z.output<typeof listSuppressionsQuery>,
): Promise<{ suppressions: SuppressionView[]; nextCursor: string | null }> {
  const t = suppressedAddresses;
  const cursor = decodeCursor(query.cursor);
  const rows = await db
    .select({
      id: t.id,
      address: t.address,
      reason: t.reason,
      source: t.source,
      detail: t.detail,
      messageId: t.messageId,
      createdAt: t.createdAt,
    })
    .from(t)
    .where(
      and(
        inOrg(t, ctx),
        query.q ? ilike(t.address, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        cursor
          ? or(lt(t.createdAt, cursor.at), and(sql`${t.createdAt} = ${cursor.at}`, lt(t.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    suppressions: page,
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const m = cursor ? /^(.+)_([0-9a-f-]{36})$/i.exec(cursor) : null;
  if (!m || Number.isNaN(Date.parse(m[1]!))) return null;
  return { at: new Date(m[1]!), id: m[2]! };
}
