'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import type { FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { createContact } from '@/lib/contacts/create-contact';
import { createGroup } from '@/lib/contacts/create-group';
import { deleteContact } from '@/lib/contacts/delete-contact';
import { deleteGroup } from '@/lib/contacts/delete-group';
import { removeGroupMembers } from '@/lib/contacts/remove-group-members';
import { updateContact } from '@/lib/contacts/update-contact';
import { updateGroup } from '@/lib/contacts/update-group';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';

export type FormState = { error?: string; details?: FieldError[] };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

/** A ticked opt-out keeps the date it was first recorded; an unticked one is withdrawn. */
function optOut(form: FormData, channel: 'email' | 'sms') {
  if (form.get(`${channel}OptOut`) !== 'on') return null;
  const at = text(form, `${channel}OptOutAt`);
  return { reason: text(form, `${channel}OptOutReason`), ...(at ? { at } : {}) };
}

/** Custom fields typed one per line as `name = value`. */
function customFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text(form, 'customFields').split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return fields;
}

export async function saveContactAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const id = text(form, 'id');
  const language = text(form, 'language');
  const locale = isLocale(language) ? language : null;
  const fields = {
    firstName: text(form, 'firstName'),
    lastName: text(form, 'lastName'),
    email: text(form, 'email') || null,
    phone: text(form, 'phone') || null,
    language: locale,
    emailOptOut: optOut(form, 'email'),
    smsOptOut: optOut(form, 'sms'),
    customFields: customFields(form),
    groupIds: form.getAll('groupIds').map(String),
  };
  try {
    if (id) await updateContact(getDb(), ctx, id, fields);
    else await createContact(getDb(), ctx, fields);
  } catch (error) {
    return userError(error, fields);
  }
  await toast('contactSaved');
  revalidatePath('/contacts');
  redirect('/contacts');
}

export async function deleteContactAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  await deleteContact(getDb(), ctx, text(form, 'id'));
  await toast('contactDeleted');
  revalidatePath('/contacts');
  redirect('/contacts');
}

export async function saveGroupAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const id = text(form, 'id');
  const fields = { name: text(form, 'name'), description: text(form, 'description') };
  let groupId = id;
  try {
    if (id) await updateGroup(getDb(), ctx, id, fields);
    else groupId = (await createGroup(getDb(), ctx, fields)).id;
  } catch (error) {
    return userError(error, fields);
  }
  await toast('groupSaved');
  revalidatePath('/contacts/groups');
  redirect(`/contacts/groups/${groupId}`);
}

export async function deleteGroupAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  await deleteGroup(getDb(), ctx, text(form, 'id'));
  await toast('groupDeleted');
  revalidatePath('/contacts/groups');
  redirect('/contacts/groups');
}

export async function removeMemberAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const groupId = text(form, 'groupId');
  await removeGroupMembers(getDb(), ctx, groupId, [text(form, 'contactId')]);
  await toast('groupMemberRemoved');
  revalidatePath(`/contacts/groups/${groupId}`);
}
