import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { deleteIntegration } from '@/lib/inbox/delete-integration';
import { updateIntegrationInput } from '@/lib/inbox/integrations.schema';
import { getIntegration } from '@/lib/inbox/list-integrations';
import { updateIntegration } from '@/lib/inbox/update-integration';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  integration: await getIntegration(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const input = await readJson(req, updateIntegrationInput);
  return { integration: await updateIntegration(getDb(), ctx, id, input) };
});

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteIntegration(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
