import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await revokeInvitation(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
