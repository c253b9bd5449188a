'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import type { FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { createSmsAccount } from '@/lib/outbox/create-sms-account';
import type { SmsProvider } from '@/lib/outbox/sms-account.schema';
import { updateSmsAccount } from '@/lib/outbox/update-sms-account';

export type FormState = { error?: string; details?: FieldError[]; ok?: boolean; message?: string };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};
/** An empty limit box means "no limit". */
const limit = (form: FormData, name: string) =>
  text(form, name) === undefined ? null : Number(text(form, name));
const number = (form: FormData, name: string) => (text(form, name) ? Number(text(form, name)) : undefined);

export async function saveSmsAccountAction(_state: FormState, form: FormData): Promise<FormState> {
  const { ctx } = await requireSessionOrg();
  const id = text(form, 'id');
  const fields = {
    name: text(form, 'name') ?? '',
    from: text(form, 'from') ?? '',
    ratePerMinute: limit(form, 'ratePerMinute'),
    ratePerDay: limit(form, 'ratePerDay'),
    maxConnections: number(form, 'maxConnections'),
    maxSegments: number(form, 'maxSegments'),
    isDefault: form.get('isDefault') === 'on',
    // A secret box left empty keeps the stored secret.
    authToken: text(form, 'authToken'),
    apiKey: text(form, 'apiKey'),
  };
  const provider = (text(form, 'provider') ?? 'twilio') as SmsProvider;
  const twilio = {
    accountSid: text(form, 'accountSid'),
    messagingServiceSid: text(form, 'messagingServiceSid') ?? null,
  };
  try {
    if (id) {
      const current = text(form, 'currentProvider');
      await updateSmsAccount(getDb(), ctx, id, {
        ...fields,
        ...(current === 'twilio' ? twilio : {}),
        authToken: current === 'twilio' ? fields.authToken : undefined,
        apiKey: current === 'brevo' ? fields.apiKey : undefined,
      });
    } else {
      await createSmsAccount(getDb(), ctx, {
        ...fields,
        provider,
        ...(provider === 'twilio' ? twilio : {}),
        authToken: provider === 'twilio' ? fields.authToken : undefined,
        apiKey: provider === 'brevo' ? fields.apiKey : undefined,
      });
    }
  } catch (error) {
    return userError(error);
  }
  await toast('smsAccountSaved');
  revalidatePath('/sms-accounts');
  redirect('/sms-accounts');
}
