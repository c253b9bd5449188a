'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { AppError, type FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import type { BroadcastPreview } from '@/lib/broadcasts/broadcast.schema';
import { cancelBroadcast } from '@/lib/broadcasts/cancel-broadcast';
import { createBroadcast } from '@/lib/broadcasts/create-broadcast';
import { createTemplate } from '@/lib/broadcasts/create-template';
import { previewBroadcast } from '@/lib/broadcasts/preview-broadcast';
import { updateBroadcast } from '@/lib/broadcasts/update-broadcast';
import { updateBroadcastSettings } from '@/lib/broadcasts/update-broadcast-settings';
import { getDb } from '@/lib/db/client';
import type { BroadcastChannel } from '@/lib/db/schema/broadcasts';

export type FormState = { error?: string; details?: FieldError[] };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

function fields(form: FormData) {
  const channels = form.getAll('channels').map(String) as BroadcastChannel[];
  return {
    channels,
    contactIds: form.getAll('contactIds').map(String),
    groupIds: form.getAll('groupIds').map(String),
    subject: text(form, 'subject'),
    content: typeof form.get('content') === 'string' ? String(form.get('content')) : '',
    senderId: text(form, 'senderId') || null,
    smsAccountId: text(form, 'smsAccountId') || null,
    scheduledAt: text(form, 'scheduledAt') || null,
  };
}

/** An error on the use-case's field `from` is shown beside the form's field `to`. */
const onField = (from: string, to: string) => (error: unknown) => {
  if (error instanceof AppError && Array.isArray(error.details))
    for (const d of error.details) if (d.path === from) d.path = to;
  throw error;
};

export async function saveBroadcastAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const id = text(form, 'id');
  const draft = form.get('intent') === 'draft';
  let savedId: string;
  try {
    const f = fields(form);
    // The template first: a refused one (its name) must not leave the message saved behind the
    // error, where sending the form again would make a second message.
    const templateName = text(form, 'templateName');
    if (templateName)
      await createTemplate(
        getDb(),
        ctx,
        { name: templateName, subject: f.subject, content: f.content },
        { replaceSameName: true },
      ).catch(onField('name', 'templateName'));
    if (id) savedId = (await updateBroadcast(getDb(), ctx, id, { ...f, draft })).id;
    else savedId = (await createBroadcast(getDb(), ctx, { ...f, draft })).id;
  } catch (error) {
    return userError(error);
  }
  await toast(draft ? 'broadcastDraftSaved' : 'broadcastSaved');
  revalidatePath('/messages');
  redirect(`/messages/${savedId}`);
}

export async function previewBroadcastAction(form: {
  channels: BroadcastChannel[];
  contactIds: string[];
  groupIds: string[];
  subject: string;
  content: string;
  smsAccountId: string | null;
}): Promise<BroadcastPreview | null> {
  const { ctx } = await requireSessionOrg();
  if (form.channels.length === 0) return null;
  try {
    return await previewBroadcast(getDb(), ctx, form);
  } catch {
    return null;
  }
}

export async function cancelBroadcastAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  try {
    await cancelBroadcast(getDb(), ctx, text(form, 'id'));
  } catch (error) {
    return userError(error);
  }
  await toast('broadcastCancelled');
  revalidatePath(`/messages/${text(form, 'id')}`);
  return {};
}

export async function trackingAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  try {
    await updateBroadcastSettings(getDb(), ctx, {
      perPersonTracking: form.get('perPersonTracking') === 'on',
      smsStopMention: text(form, 'smsStopMention') || null,
    });
  } catch (error) {
    return userError(error);
  }
  await toast('trackingSaved');
  revalidatePath('/messages');
  return {};
}
