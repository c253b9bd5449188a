import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';

export const GET = orgRoute(async (_req, ctx) => ({ accounts: await listConnectedAccounts(getDb(), ctx) }));
