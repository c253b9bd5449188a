import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { deleteTemplate } from '@/lib/broadcasts/delete-template';
import { getTemplate } from '@/lib/broadcasts/get-template';
import { updateTemplateInput } from '@/lib/broadcasts/template.schema';
import { updateTemplate } from '@/lib/broadcasts/update-template';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  template: await getTemplate(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  template: await updateTemplate(
    getDb(),
    ctx,
    id,
    await readJson(req, updateTemplateInput, { limit: 1024 * 1024 }),
  ),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteTemplate(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
