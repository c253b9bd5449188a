import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';

// Every Google and Microsoft account connected over OAuth, each with its status and the sender
// account and mailbox that use it (an account connected for receiving only has no sender).
export const GET = orgRoute(async (_req, ctx) => ({ accounts: await listConnectedAccounts(getDb(), ctx) }));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
