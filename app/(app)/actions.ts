'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/config';
import { ORG_COOKIE, requireSessionOrg } from '@/lib/auth/session-org';

export async function switchOrganization(formData: FormData) {
  const { orgs } = await requireSessionOrg();
  const wanted = String(formData.get('orgId') ?? '');
  // Only an organisation the user belongs to can become current.
  if (orgs.some((o) => o.id === wanted)) {
    (await cookies()).set(ORG_COOKIE, wanted, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 365 * 86_400,
    });
  }
  redirect('/dashboard');
}

export async function signOutAction() {
  await signOut({ redirectTo: '/signin' });
}
