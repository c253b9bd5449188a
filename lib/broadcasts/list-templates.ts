// The organisation's message templates, by name (at most 200: a list to pick from, not to page).
import { asc } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastTemplates } from '../db/schema/broadcasts';
import { inOrg } from '../db/scoped';
import type { TemplateView } from './template.schema';
import { toTemplateView } from './template-view';

export async function listTemplates(db: DbOrTx, ctx: OrgContext): Promise<TemplateView[]> {
  const rows = await db
    .select()
    .from(broadcastTemplates)
    .where(inOrg(broadcastTemplates, ctx))
    .orderBy(asc(broadcastTemplates.name))
    .limit(200);
  return rows.map(toTemplateView);
}
