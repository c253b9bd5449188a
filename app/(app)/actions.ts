'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { toast } from '@/app/toast';
import { signOut } from '@/lib/auth/config';
import { rememberOrganization, requireSessionOrg } from '@/lib/auth/session-org';
import { setUserLocale } from '@/lib/auth/set-user-locale';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';
import { nav } from './nav';

export async function switchOrganization(formData: FormData) {
  const { orgs } = await requireSessionOrg();
  const wanted = String(formData.get('orgId') ?? '');
  // Only an organisation the user belongs to can become current.
  const chosen = orgs.find((o) => o.id === wanted);
  if (chosen) {
    await rememberOrganization(chosen.id);
    await toast('orgSwitched', { name: chosen.name });
  }
  // Back to the same section (a nav entry), never to an address given from outside.
  const returnTo = String(formData.get('returnTo') ?? '');
  redirect(nav.some((n) => n.href === returnTo) ? returnTo : '/dashboard');
}

export async function signOutAction() {
  await signOut({ redirectTo: '/signin' });
}

/** The language switch: the page comes back in the chosen language, at the same URL. */
export async function setLanguageAction(formData: FormData) {
  const { user } = await requireSessionOrg();
  const wanted = formData.get('locale');
  await setUserLocale(getDb(), user.id, isLocale(wanted) ? wanted : null);
  revalidatePath('/', 'layout');
}
