import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { updateBroadcastInput } from '@/lib/broadcasts/broadcast.schema';
import { getBroadcast } from '@/lib/broadcasts/get-broadcast';
import { updateBroadcast } from '@/lib/broadcasts/update-broadcast';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  broadcast: await getBroadcast(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  broadcast: await updateBroadcast(
    getDb(),
    ctx,
    id,
    await readJson(req, updateBroadcastInput, { limit: 1024 * 1024 }),
  ),
}));

// Every other method: 405 with the error shape.
export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
