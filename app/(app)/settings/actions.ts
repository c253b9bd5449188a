'use server';

import { revalidatePath } from 'next/cache';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { updateOrganizationSettings } from '@/lib/orgs/update-organization-settings';

export type SettingsState = {
  error?: string;
  saved?: boolean;
  /** What was submitted, so a refused form keeps it. */
  values?: { name: string; defaultLocale: string; timeZone: string; country: string };
};

export async function saveOrganizationSettingsAction(
  _state: SettingsState,
  form: FormData,
): Promise<SettingsState> {
  const { ctx } = await requireSessionOrg();
  const values = {
    name: String(form.get('name') ?? ''),
    defaultLocale: String(form.get('defaultLocale') ?? ''),
    timeZone: String(form.get('timeZone') ?? ''),
    country: String(form.get('country') ?? ''),
  };
  try {
    await updateOrganizationSettings(
      getDb(),
      ctx,
      values as { name: string; defaultLocale: 'en'; timeZone: string; country: string },
    );
  } catch (error) {
    return { ...(await userError(error, values)), values };
  }
  await toast('settingsSaved');
  // Every page shows dates in the zone and may speak the language: render them all again.
  revalidatePath('/', 'layout');
  return { saved: true, values };
}
