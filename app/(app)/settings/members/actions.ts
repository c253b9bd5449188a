'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { changeMemberRole } from '@/lib/orgs/change-member-role';
import { inviteMember } from '@/lib/orgs/invite-member';
import { removeMember } from '@/lib/orgs/remove-member';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';

export type InviteState = { error?: string; invited?: string };

export async function inviteAction(_state: InviteState, formData: FormData): Promise<InviteState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { invitation } = await inviteMember(getDb(), ctx, {
      email: String(formData.get('email') ?? ''),
      role: String(formData.get('role') ?? 'member') as 'member',
    });
    await toast('invitationSent', { email: invitation.email });
    revalidatePath('/settings/members');
    return { invited: invitation.email };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function revokeInvitationAction(formData: FormData) {
  const { ctx } = await requireSessionOrg();
  await revokeInvitation(getDb(), ctx, String(formData.get('id') ?? ''));
  await toast('invitationRevoked');
  revalidatePath('/settings/members');
}

export type MemberActionState = { error?: string };

export async function changeRoleAction(
  _state: MemberActionState,
  formData: FormData,
): Promise<MemberActionState> {
  const { ctx } = await requireSessionOrg();
  try {
    await changeMemberRole(getDb(), ctx, String(formData.get('userId') ?? ''), {
      role: String(formData.get('role') ?? '') as 'member',
    });
  } catch (error) {
    return { error: (await userError(error)).error };
  }
  await toast('roleChanged');
  revalidatePath('/settings/members');
  return {};
}

export async function removeMemberAction(
  _state: MemberActionState,
  formData: FormData,
): Promise<MemberActionState> {
  const { ctx } = await requireSessionOrg();
  const userId = String(formData.get('userId') ?? '');
  try {
    await removeMember(getDb(), ctx, userId);
  } catch (error) {
    return { error: (await userError(error)).error };
  }
  await toast(
    ctx.actor.kind === 'user' && ctx.actor.userId === userId ? 'organisationLeft' : 'memberRemoved',
  );
  // Whoever left the organisation can no longer see its members.
  if (ctx.actor.kind === 'user' && ctx.actor.userId === userId) redirect('/dashboard');
  revalidatePath('/settings/members');
  return {};
}
