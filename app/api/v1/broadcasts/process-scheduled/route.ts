import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { getDb } from '@/lib/db/client';

// For cron users without a worker: expands every message of this organisation that is due now.
export const POST = orgRoute(
  async (_req, ctx) => ({ processed: await processDueBroadcasts(getDb(), { orgId: ctx.orgId }) }),
  { minRole: 'admin' },
);

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
