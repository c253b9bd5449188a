import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { deleteSender } from '@/lib/outbox/delete-sender';
import { getSender } from '@/lib/outbox/get-sender';
import { updateSenderInput } from '@/lib/outbox/sender.schema';
import { updateSender } from '@/lib/outbox/update-sender';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  sender: await getSender(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  sender: await updateSender(getDb(), ctx, id, await readJson(req, updateSenderInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteSender(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
