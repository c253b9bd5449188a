import { json } from '@/lib/api/respond';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { requestSyncAll } from '@/lib/inbox/request-sync';

export const POST = orgRoute(async (_req, ctx) => json({ syncs: await requestSyncAll(getDb(), ctx) }, 202));
