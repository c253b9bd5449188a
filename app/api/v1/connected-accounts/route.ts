import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';

export const GET = orgRoute(async (_req, ctx) => ({ accounts: await listConnectedAccounts(getDb(), ctx) }));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
