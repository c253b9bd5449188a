// The organisation's message templates, by name.
import { asc, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastTemplate, broadcastTemplates } from '../db/schema/broadcasts';

export async function listTemplates(db: DbOrTx, ctx: OrgContext): Promise<BroadcastTemplate[]> {
  return db
    .select()
    .from(broadcastTemplates)
    .where(eq(broadcastTemplates.orgId, ctx.orgId))
    .orderBy(asc(broadcastTemplates.name))
    .limit(200);
}
