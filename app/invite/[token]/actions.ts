'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { currentUser, ORG_COOKIE } from '@/lib/auth/session-org';
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
  (await cookies()).set(ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 365 * 86_400,
  });
  redirect('/dashboard');
}
