'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { setMessageSeen } from '@/lib/inbox/set-message-seen';

/** Opening a message marks it read (called by the page once it is shown, never by a prefetch). */
export async function markReadAction(id: string) {
  const { ctx } = await requireSessionOrg();
  await setMessageSeen(getDb(), ctx, id, true);
  revalidatePath('/inbox');
}

export async function markUnreadAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  await setMessageSeen(getDb(), ctx, String(form.get('id') ?? ''), false);
  await toast('markedUnread');
  revalidatePath('/inbox');
  redirect('/inbox');
}
