import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listConnectedAccounts, listConnectedMailboxes } from '@/lib/oauth/list-connected-accounts';

// `accounts`: the sending side (sender accounts); `mailboxes`: the receiving side, where an account
// connected for receiving only is listed (it has no sender account).
export const GET = orgRoute(async (_req, ctx) => {
  const [accounts, mailboxes] = await Promise.all([
    listConnectedAccounts(getDb(), ctx),
    listConnectedMailboxes(getDb(), ctx),
  ]);
  return { accounts, mailboxes };
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
