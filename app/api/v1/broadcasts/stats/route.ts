import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { periodStatsQuery } from '@/lib/broadcasts/broadcast.schema';
import { getPeriodStats } from '@/lib/broadcasts/get-period-stats';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (req, ctx) => ({
  stats: await getPeriodStats(getDb(), ctx, readQuery(req, periodStatsQuery)),
}));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
