// Change a template's name, subject or content; its variables are checked again.
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastTemplates } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type TemplateView, type UpdateTemplateInput, updateTemplateInput } from './template.schema';
import { checkTemplateVariables, rethrowDuplicateTemplate, toTemplateView } from './template-view';

export async function updateTemplate(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateTemplateInput,
): Promise<TemplateView> {
  const changes = parseOr400(updateTemplateInput, input, 'request body');
  const current = firstOr404(
    await db
      .select()
      .from(broadcastTemplates)
      .where(byIdInOrg(broadcastTemplates, id, ctx)),
    'Template',
  );
  await checkTemplateVariables(db, ctx, {
    subject: changes.subject ?? current.subject,
    content: changes.content ?? current.content,
  });
  const [row] = await db
    .update(broadcastTemplates)
    .set({ ...changes, updatedAt: new Date() })
    .where(byIdInOrg(broadcastTemplates, id, ctx))
    .returning()
    .catch(rethrowDuplicateTemplate);
  return toTemplateView(firstOr404(row ? [row] : [], 'Template'));
}
