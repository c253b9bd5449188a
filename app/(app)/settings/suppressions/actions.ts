'use server';

import { revalidatePath } from 'next/cache';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { addSuppression } from '@/lib/outbox/add-suppression';
import { removeSuppression } from '@/lib/outbox/remove-suppression';

export type AddSuppressionState = { error?: string; added?: string };

export async function addSuppressionAction(
  _state: AddSuppressionState,
  formData: FormData,
): Promise<AddSuppressionState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { suppression } = await addSuppression(
      getDb(),
      ctx,
      {
        address: String(formData.get('address') ?? ''),
        detail: String(formData.get('detail') ?? '') || undefined,
      },
      'ui',
    );
    await toast('suppressionAdded', { address: suppression.address });
    revalidatePath('/settings/suppressions');
    return { added: suppression.address };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function removeSuppressionAction(formData: FormData) {
  const { ctx } = await requireSessionOrg();
  await removeSuppression(getDb(), ctx, String(formData.get('id') ?? ''));
  await toast('suppressionRemoved');
  revalidatePath('/settings/suppressions');
}
