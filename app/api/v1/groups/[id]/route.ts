import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { updateGroupInput } from '@/lib/contacts/contacts.schema';
import { deleteGroup } from '@/lib/contacts/delete-group';
import { getGroup } from '@/lib/contacts/group-view';
import { updateGroup } from '@/lib/contacts/update-group';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  group: await getGroup(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  group: await updateGroup(getDb(), ctx, id, await readJson(req, updateGroupInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteGroup(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
