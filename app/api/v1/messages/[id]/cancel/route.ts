import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { cancelMessage } from '@/lib/outbox/cancel-message';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  message: await cancelMessage(getDb(), ctx, id),
}));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
