import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { previewBroadcastInput } from '@/lib/broadcasts/broadcast.schema';
import { previewBroadcast } from '@/lib/broadcasts/preview-broadcast';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute(async (req, ctx) => ({
  preview: await previewBroadcast(
    getDb(),
    ctx,
    await readJson(req, previewBroadcastInput, { limit: 1024 * 1024 }),
  ),
}));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
