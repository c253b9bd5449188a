import { badRequest } from '@/lib/api/errors';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { createBroadcastInput, listBroadcastsQuery } from '@/lib/broadcasts/broadcast.schema';
import { createBroadcast } from '@/lib/broadcasts/create-broadcast';
import { listBroadcasts } from '@/lib/broadcasts/list-broadcasts';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (req, ctx) =>
  listBroadcasts(getDb(), ctx, readQuery(req, listBroadcastsQuery)),
);

export const POST = orgRoute(async (req, ctx) => {
  const body = await readJson(req, createBroadcastInput, { limit: 1024 * 1024 });
  const key = req.headers.get('idempotency-key')?.trim() || undefined;
  if (key && (key.length > 255 || /[\r\n]/.test(key))) {
    throw badRequest('Invalid Idempotency-Key header.', [
      { path: '(header) Idempotency-Key', message: 'is at most 255 characters on one line' },
    ]);
  }
  const { duplicate, ...broadcast } = await createBroadcast(getDb(), ctx, body, { idempotencyKey: key });
  return json({ broadcast, duplicate }, duplicate ? 200 : 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
