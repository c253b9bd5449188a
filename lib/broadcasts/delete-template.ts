// Delete a template; messages started from it keep their own copy of its text.
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastTemplates } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';

export async function deleteTemplate(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  firstOr404(
    await db
      .delete(broadcastTemplates)
      .where(byIdInOrg(broadcastTemplates, id, ctx))
      .returning({ id: broadcastTemplates.id }),
    'Template',
  );
}
