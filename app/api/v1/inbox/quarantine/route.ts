import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listQuarantined } from '@/lib/inbox/list-quarantined';
import { listQuarantineQuery } from '@/lib/inbox/messages.schema';

export const GET = orgRoute(async (req, ctx) =>
  listQuarantined(getDb(), ctx, readQuery(req, listQuarantineQuery)),
);
