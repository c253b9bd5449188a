import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { createIntegration } from '@/lib/inbox/create-integration';
import { createIntegrationInput } from '@/lib/inbox/integrations.schema';
import { listIntegrations } from '@/lib/inbox/list-integrations';

export const GET = orgRoute(async (_req, ctx) => ({ integrations: await listIntegrations(getDb(), ctx) }));

export const POST = orgRoute(async (req, ctx) => {
  const input = await readJson(req, createIntegrationInput);
  return json({ integration: await createIntegration(getDb(), ctx, input) }, 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
