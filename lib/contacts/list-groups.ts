import { and, asc, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contactGroups } from '../db/schema/contacts';
import type { GroupView, listGroupsQuery } from './contacts.schema';
import { selectGroups } from './group-view';
import { decodeCursor, encodeCursor } from './page-cursor';

export async function listGroups(
  db: DbOrTx,
  ctx: OrgContext,
  query: z.output<typeof listGroupsQuery>,
): Promise<{ groups: GroupView[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await selectGroups(
    db,
    ctx,
    and(
      query.q ? ilike(contactGroups.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      after
        ? sql`(${contactGroups.name}, ${contactGroups.id}) > (${after[0]}, ${after[1]}::uuid)`
        : undefined,
    ),
  )
    .orderBy(asc(contactGroups.name), asc(contactGroups.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    groups: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
