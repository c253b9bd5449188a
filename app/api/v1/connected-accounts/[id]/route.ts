// One connected account, by its own id (the grant's, as listed): read it, change its name and
// sending settings, or disconnect it (DELETE: revokes the grant where the provider offers it,
// deletes the tokens; 409 while messages wait on it).

import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { updateConnectedAccountInput } from '@/lib/oauth/connected-account.schema';
import { disconnectAccount } from '@/lib/oauth/disconnect-account';
import { getConnectedAccount } from '@/lib/oauth/list-connected-accounts';
import { updateConnectedAccount } from '@/lib/oauth/update-connected-account';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  account: await getConnectedAccount(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  account: await updateConnectedAccount(getDb(), ctx, id, await readJson(req, updateConnectedAccountInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  json(await disconnectAccount(getDb(), ctx, id)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
