import { otherMethods } from '@/lib/api/method-not-allowed';
// A connected account is a sender account of kind gmail / microsoft: read and change it as one
// (name, limits, default); DELETE disconnects it (revokes the grant at the provider).
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { disconnectAccount } from '@/lib/oauth/disconnect-account';
import { getSender } from '@/lib/outbox/get-sender';
import { updateSenderInput } from '@/lib/outbox/sender.schema';
import { updateSender } from '@/lib/outbox/update-sender';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  account: await getSender(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  account: await updateSender(getDb(), ctx, id, await readJson(req, updateSenderInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  json(await disconnectAccount(getDb(), ctx, id)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
