'use server';

import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { currentUser, rememberOrganization } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { acceptInvitation } from '@/lib/orgs/accept-invitation';

export async function acceptInvitationAction(token: string): Promise<{ error: string }> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  let orgId: string;
  try {
    ({ orgId } = await acceptInvitation(getDb(), user, token));
  } catch (error) {
    return { error: (await userError(error)).error };
  }
  await rememberOrganization(orgId);
  await toast('invitationAccepted');
  redirect('/dashboard');
}
