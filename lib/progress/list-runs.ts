import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { runs } from '../db/schema/progress';
import { inOrg } from '../db/scoped';
import { toRunView } from './get-run';
import type { listRunsQuery, RunView } from './progress.schema';

/** The organisation's runs, newest first (the run history). */
export async function listRuns(
  db: DbOrTx,
  ctx: OrgContext,
  query: z.infer<typeof listRunsQuery>,
): Promise<RunView[]> {
  const rows = await db
    .select()
    .from(runs)
    .where(and(inOrg(runs, ctx), query.kind ? eq(runs.kind, query.kind) : undefined))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(query.limit);
  return rows.map(toRunView);
}
