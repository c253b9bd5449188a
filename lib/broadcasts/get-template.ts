import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastTemplates } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { TemplateView } from './template.schema';
import { toTemplateView } from './template-view';

export async function getTemplate(db: DbOrTx, ctx: OrgContext, id: string): Promise<TemplateView> {
  return toTemplateView(
    firstOr404(
      await db
        .select()
        .from(broadcastTemplates)
        .where(byIdInOrg(broadcastTemplates, id, ctx)),
      'Template',
    ),
  );
}
