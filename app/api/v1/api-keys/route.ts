import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { createApiKeyInput } from '@/lib/auth/api-keys.schema';
import { createApiKey } from '@/lib/auth/create-api-key';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (_req, ctx) => ({ apiKeys: await listApiKeys(getDb(), ctx) }));

export const POST = orgRoute(async (req, ctx) => {
  const input = await readJson(req, createApiKeyInput);
  return json(await createApiKey(getDb(), ctx, input), 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
