import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getApiKey } from '@/lib/auth/list-api-keys';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  apiKey: await getApiKey(getDb(), ctx, id),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  apiKey: await revokeApiKey(getDb(), ctx, id),
}));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH } = otherMethods('GET', 'DELETE');
