'use server';

import { revalidatePath } from 'next/cache';
import { userError } from '@/app/components/user-error';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { inviteMember } from '@/lib/orgs/invite-member';
import { revokeInvitation } from '@/lib/orgs/revoke-invitation';

export type InviteState = { error?: string; invited?: string };

export async function inviteAction(_state: InviteState, formData: FormData): Promise<InviteState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { invitation } = await inviteMember(getDb(), ctx, {
      email: String(formData.get('email') ?? ''),
      role: String(formData.get('role') ?? 'member') as 'member',
    });
    revalidatePath('/settings/members');
    return { invited: invitation.email };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function revokeInvitationAction(formData: FormData) {
  const { ctx } = await requireSessionOrg();
  await revokeInvitation(getDb(), ctx, String(formData.get('id') ?? ''));
  revalidatePath('/settings/members');
}
