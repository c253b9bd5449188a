import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { groupInput, listGroupsQuery } from '@/lib/contacts/contacts.schema';
import { createGroup } from '@/lib/contacts/create-group';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (req, ctx) => listGroups(getDb(), ctx, readQuery(req, listGroupsQuery)));

export const POST = orgRoute(async (req, ctx) =>
  json({ group: await createGroup(getDb(), ctx, await readJson(req, groupInput)) }, 201),
);

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
