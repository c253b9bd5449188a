// Save a subject and content as a template to start from (names unique per organisation). The
// compose page's "save as template" replaces a template of the same name; the API answers 409.
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastTemplates } from '../db/schema/broadcasts';
import { type CreateTemplateInput, createTemplateInput, type TemplateView } from './template.schema';
import { checkTemplateVariables, rethrowDuplicateTemplate, toTemplateView } from './template-view';

export async function createTemplate(
  db: DbOrTx,
  ctx: OrgContext,
  input: CreateTemplateInput,
  options: { replaceSameName?: boolean } = {},
): Promise<TemplateView> {
  const t = parseOr400(createTemplateInput, input, 'request body');
  await checkTemplateVariables(db, ctx, t);
  const insert = db
    .insert(broadcastTemplates)
    .values({ orgId: ctx.orgId, name: t.name, subject: t.subject, content: t.content });
  const [row] = await (options.replaceSameName
    ? insert.onConflictDoUpdate({
        target: [broadcastTemplates.orgId, broadcastTemplates.name],
        set: { subject: t.subject, content: t.content, updatedAt: new Date() },
      })
    : insert
  )
    .returning()
    .catch(rethrowDuplicateTemplate);
  return toTemplateView(row!);
}
