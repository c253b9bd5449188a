import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getSms } from '@/lib/outbox/get-sms';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  sms: await getSms(getDb(), ctx, id),
}));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
