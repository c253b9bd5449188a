import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { createTemplate } from '@/lib/broadcasts/create-template';
import { listTemplates } from '@/lib/broadcasts/list-templates';
import { createTemplateInput } from '@/lib/broadcasts/template.schema';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (_req, ctx) => ({ templates: await listTemplates(getDb(), ctx) }));

export const POST = orgRoute(async (req, ctx) => {
  const body = await readJson(req, createTemplateInput, { limit: 1024 * 1024 });
  return json({ template: await createTemplate(getDb(), ctx, body) }, 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
