import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { requestSync } from '@/lib/inbox/request-sync';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  json({ sync: await requestSync(getDb(), ctx, id) }, 202),
);

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
