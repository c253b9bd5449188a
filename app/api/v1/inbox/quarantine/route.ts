import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listQuarantined } from '@/lib/inbox/list-quarantined';
import { listQuarantineQuery } from '@/lib/inbox/messages.schema';

export const GET = orgRoute(async (req, ctx) =>
  listQuarantined(getDb(), ctx, readQuery(req, listQuarantineQuery)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
