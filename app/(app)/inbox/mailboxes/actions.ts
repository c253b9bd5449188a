'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import type { FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { createIntegration } from '@/lib/inbox/create-integration';
import type { TestConnectionResult } from '@/lib/inbox/integrations.schema';
import { requestSync, requestSyncAll } from '@/lib/inbox/request-sync';
import { testConnection, testIntegrationConnection } from '@/lib/inbox/test-connection';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { removeAccountUse } from '@/lib/oauth/remove-account-use';

export type SaveMailboxState = { error?: string; fields?: FieldError[] };
export type TestMailboxState = { result?: TestConnectionResult; error?: string };

/** The form's fields, as the use-cases take them (strings parsed, blanks left out). */
function settingsFrom(form: FormData) {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  return {
    name: text('name'),
    preset: text('preset') ?? null,
    host: text('host'),
    port: text('port') ? Number(text('port')) : undefined,
    security: text('security') as 'tls' | 'starttls' | 'none' | undefined,
    verifyTls: form.get('verifyTls') === 'on',
    username: text('username'),
    // Passwords are not trimmed: spaces can be part of one (Google shows app passwords in groups).
    password:
      typeof form.get('password') === 'string' && form.get('password') !== ''
        ? String(form.get('password'))
        : undefined,
    folders: String(form.get('folders') ?? '')
      .split(/\r?\n/)
      .map((f) => f.trim())
      .filter(Boolean),
    intervalMinutes: text('intervalMinutes') ? Number(text('intervalMinutes')) : undefined,
    active: form.get('active') === 'on',
    push: form.get('push') === 'on',
    senderId: text('senderId') || null,
  };
}

export async function saveMailboxAction(_state: SaveMailboxState, form: FormData): Promise<SaveMailboxState> {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const s = settingsFrom(form);
  let savedId: string;
  try {
    if (id) {
      savedId = (
        await updateIntegration(getDb(), ctx, id, { ...s, folders: s.folders.length ? s.folders : undefined })
      ).id;
    } else {
      savedId = (
        await createIntegration(getDb(), ctx, {
          ...s,
          name: s.name ?? '',
          username: s.username ?? '',
          password: s.password ?? '',
          folders: s.folders.length ? s.folders : undefined,
        })
      ).id;
    }
  } catch (error) {
    const { error: message, details } = await userError(error, s);
    return { error: message, fields: details };
  }
  revalidatePath('/inbox/mailboxes');
  redirect(`/inbox/mailboxes/${savedId}?saved=1`);
}

/** With a password typed in, tests what is in the form; without, the stored settings. */
export async function testMailboxAction(_state: TestMailboxState, form: FormData): Promise<TestMailboxState> {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const s = settingsFrom(form);
  try {
    const result =
      id && !s.password
        ? await testIntegrationConnection(getDb(), ctx, id)
        : await testConnection({ ...s, username: s.username ?? '', password: s.password ?? '' });
    return { result };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function syncMailboxAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  await requestSync(getDb(), ctx, String(form.get('id') ?? ''));
  await toast('mailboxSyncRequested');
  revalidatePath('/inbox/mailboxes');
}

export async function syncAllMailboxesAction() {
  const { ctx } = await requireSessionOrg();
  await requestSyncAll(getDb(), ctx);
  await toast('mailboxesSyncRequested');
  revalidatePath('/inbox/mailboxes');
}

export async function deleteMailboxAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  await removeAccountUse(getDb(), ctx, { mailboxId: String(form.get('id') ?? '') });
  await toast('mailboxDeleted');
  revalidatePath('/inbox/mailboxes');
  redirect('/inbox/mailboxes');
}
