import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { cancelBroadcast } from '@/lib/broadcasts/cancel-broadcast';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  broadcast: await cancelBroadcast(getDb(), ctx, id),
}));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
