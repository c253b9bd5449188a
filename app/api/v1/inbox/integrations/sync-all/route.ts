import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { requestSyncAll } from '@/lib/inbox/request-sync';

export const POST = orgRoute(async (_req, ctx) => json({ syncs: await requestSyncAll(getDb(), ctx) }, 202));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
