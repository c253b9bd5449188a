import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { markAsReadInput } from '@/lib/broadcasts/broadcast.schema';
import { markBroadcastRead } from '@/lib/broadcasts/mark-broadcast-read';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>(async (req, ctx, { id }) =>
  markBroadcastRead(getDb(), ctx, id, await readJson(req, markAsReadInput)),
);

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
