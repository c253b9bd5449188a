'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import type { FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { createSender } from '@/lib/outbox/create-sender';
import { testSenderSettings } from '@/lib/outbox/test-sender-settings';
import { updateOutboxSettings } from '@/lib/outbox/update-outbox-settings';
import { updateSender } from '@/lib/outbox/update-sender';

export type FormState = { error?: string; details?: FieldError[]; ok?: boolean; message?: string };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};
/** An empty limit box means "no limit". */
const limit = (form: FormData, name: string) =>
  text(form, name) === undefined ? null : Number(text(form, name));

const fromError = (error: unknown, input?: unknown): Promise<FormState> => userError(error, input);

/** The form's fields as the use-cases take them; the provider select says which kind it is. */
function senderFields(form: FormData) {
  return {
    name: text(form, 'name') ?? '',
    preset: text(form, 'preset'),
    fromAddress: text(form, 'fromAddress') ?? '',
    fromName: text(form, 'fromName'),
    replyTo: text(form, 'replyTo'),
    host: text(form, 'host'),
    port: text(form, 'port') ? Number(text(form, 'port')) : undefined,
    security: text(form, 'security') as 'tls' | 'starttls' | 'none' | undefined,
    username: text(form, 'username'),
    ratePerMinute: limit(form, 'ratePerMinute'),
    ratePerDay: limit(form, 'ratePerDay'),
    maxConnections: text(form, 'maxConnections') ? Number(text(form, 'maxConnections')) : undefined,
    allowInvalidCertificate: form.get('allowInvalidCertificate') === 'on',
    isDefault: form.get('isDefault') === 'on',
  };
}

/** Passwords are not trimmed; a box left empty keeps the stored password. */
const passwordOf = (form: FormData) =>
  typeof form.get('password') === 'string' && form.get('password') !== ''
    ? String(form.get('password'))
    : undefined;

export async function saveSenderAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const id = text(form, 'id');
  const fields = senderFields(form);
  const password = passwordOf(form);
  try {
    if (id) {
      const { preset: _preset, ...rest } = fields;
      await updateSender(getDb(), ctx, id, {
        ...rest,
        fromName: fields.fromName ?? null,
        replyTo: fields.replyTo ?? null,
        username: fields.username ?? null,
        ...(password !== undefined ? { password } : {}),
      });
    } else {
      await createSender(getDb(), ctx, {
        ...fields,
        kind: text(form, 'kind') === 'preview' ? 'preview' : 'smtp',
        password,
      });
    }
  } catch (error) {
    return fromError(error, fields);
  }
  await toast('senderSaved');
  revalidatePath('/senders');
  redirect('/senders');
}

/** "Test connection" in the form: the typed settings, tried before saving; nothing is stored. */
export async function testSenderFormAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const fields = senderFields(form);
  try {
    const result = await testSenderSettings(getDb(), ctx, {
      ...fields,
      id: text(form, 'id'),
      password: passwordOf(form),
    });
    return { ok: result.ok, message: result.message };
  } catch (error) {
    return fromError(error, fields);
  }
}

export async function saveSettingsAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  try {
    const s = await updateOutboxSettings(getDb(), ctx, { maxAttempts: Number(form.get('maxAttempts')) });
    revalidatePath('/senders');
    return {
      ok: true,
      message: (await getTranslations('senders'))('attemptsSaved', { count: s.maxAttempts }),
    };
  } catch (error) {
    return fromError(error);
  }
}
