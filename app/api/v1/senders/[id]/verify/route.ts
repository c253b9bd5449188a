import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { verifySender } from '@/lib/outbox/verify-sender';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => verifySender(getDb(), ctx, id));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
