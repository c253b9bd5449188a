import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { inviteMember, inviteMemberInput } from '@/lib/orgs/invite-member';
import { listPendingInvitations } from '@/lib/orgs/list-members';

export const GET = orgRoute(async (_req, ctx) => ({
  invitations: await listPendingInvitations(getDb(), ctx),
}));

export const POST = orgRoute(async (req, ctx) => {
  const input = await readJson(req, inviteMemberInput);
  const { invitation } = await inviteMember(getDb(), ctx, input);
  return json({ invitation }, 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
