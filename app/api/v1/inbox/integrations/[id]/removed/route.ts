import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listRemovedForIntegration } from '@/lib/inbox/list-removed-locations';
import { listRemovedQuery } from '@/lib/inbox/messages.schema';

export const GET = orgRoute<{ id: string }>(async (req, ctx, { id }) =>
  listRemovedForIntegration(getDb(), ctx, id, readQuery(req, listRemovedQuery)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
