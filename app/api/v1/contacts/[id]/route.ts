import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { updateContactInput } from '@/lib/contacts/contacts.schema';
import { deleteContact } from '@/lib/contacts/delete-contact';
import { getContact } from '@/lib/contacts/get-contact';
import { updateContact } from '@/lib/contacts/update-contact';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  contact: await getContact(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  contact: await updateContact(getDb(), ctx, id, await readJson(req, updateContactInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteContact(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
