'use server';

import { revalidatePath } from 'next/cache';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { createApiKey } from '@/lib/auth/create-api-key';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';

export type CreateKeyState = { error?: string; key?: string; name?: string };

export async function createApiKeyAction(
  _state: CreateKeyState,
  formData: FormData,
): Promise<CreateKeyState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { apiKey, key } = await createApiKey(getDb(), ctx, { name: String(formData.get('name') ?? '') });
    await toast('apiKeyCreated', { name: apiKey.name });
    revalidatePath('/settings/api-keys');
    return { key, name: apiKey.name };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function revokeApiKeyAction(formData: FormData) {
  const { ctx } = await requireSessionOrg();
  await revokeApiKey(getDb(), ctx, String(formData.get('id') ?? ''));
  await toast('apiKeyRevoked');
  revalidatePath('/settings/api-keys');
}
