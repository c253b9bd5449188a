import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { changeMemberRole, changeMemberRoleInput } from '@/lib/orgs/change-member-role';
import { removeMember } from '@/lib/orgs/remove-member';

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  member: await changeMemberRole(getDb(), ctx, id, await readJson(req, changeMemberRoleInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await removeMember(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { GET, POST, PUT } = otherMethods('PATCH', 'DELETE');
