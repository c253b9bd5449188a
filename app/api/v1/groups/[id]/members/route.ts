// A group's members: list them (as contacts, paginated), add some, remove some.
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { addGroupMembers } from '@/lib/contacts/add-group-members';
import { listContactsQuery, memberIdsInput } from '@/lib/contacts/contacts.schema';
import { getGroup } from '@/lib/contacts/group-view';
import { listContacts } from '@/lib/contacts/list-contacts';
import { removeGroupMembers } from '@/lib/contacts/remove-group-members';
import { getDb } from '@/lib/db/client';

const membersQuery = listContactsQuery.omit({ groupId: true });

export const GET = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const query = readQuery(req, membersQuery);
  await getGroup(getDb(), ctx, id);
  return listContacts(getDb(), ctx, { ...query, groupId: id });
});

export const POST = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { contactIds } = await readJson(req, memberIdsInput);
  return addGroupMembers(getDb(), ctx, id, contactIds);
});

export const DELETE = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { contactIds } = await readJson(req, memberIdsInput);
  return removeGroupMembers(getDb(), ctx, id, contactIds);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH } = otherMethods('GET', 'POST', 'DELETE');
