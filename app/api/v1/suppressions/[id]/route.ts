import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { removeSuppression } from '@/lib/outbox/remove-suppression';

/** Off the list: the next message to the address is sent again. */
export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await removeSuppression(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
