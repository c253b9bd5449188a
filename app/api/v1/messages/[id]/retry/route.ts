import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { retryMessage } from '@/lib/outbox/retry-message';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  json({ message: await retryMessage(getDb(), ctx, id) }, 202),
);

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
