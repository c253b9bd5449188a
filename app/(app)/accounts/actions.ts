'use server';

// The actions every account list offers, for either channel: test, delete, make default, resume.
// The form says which channel its account is on; each channel names its own use-cases and page.
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import type { ToastKey } from '@/app/components/toast-flash';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { badRequest, type FieldError } from '@/lib/api/errors';
import type { OrgContext } from '@/lib/auth/org-context';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { type DbOrTx, getDb } from '@/lib/db/client';
import type { VerifyResult } from '@/lib/mail/transports/transport';
import { removeAccountUse } from '@/lib/oauth/remove-account-use';
import { deleteSmsAccount } from '@/lib/outbox/delete-sms-account';
import { updateSender } from '@/lib/outbox/update-sender';
import { updateSmsAccount } from '@/lib/outbox/update-sms-account';
import { verifySender } from '@/lib/outbox/verify-sender';
import { verifySmsAccount } from '@/lib/outbox/verify-sms-account';

export type AccountActionState = { error?: string; details?: FieldError[]; ok?: boolean; message?: string };

type Patch = { isDefault?: true; pausedUntil?: null };
type ChannelUseCases = {
  page: string;
  verify: (db: DbOrTx, ctx: OrgContext, id: string) => Promise<VerifyResult>;
  remove: (db: DbOrTx, ctx: OrgContext, id: string) => Promise<void>;
  update: (db: DbOrTx, ctx: OrgContext, id: string, patch: Patch) => Promise<unknown>;
  said: { deleted: ToastKey; madeDefault: ToastKey; resumed: ToastKey };
};

const channels: Record<'email' | 'sms', ChannelUseCases> = {
  email: {
    page: '/senders',
    verify: verifySender,
    // A connected account's sender: its grant is revoked too when nothing else uses it.
    remove: async (db, ctx, id) => void (await removeAccountUse(db, ctx, { senderId: id })),
    update: updateSender,
    said: { deleted: 'senderDeleted', madeDefault: 'senderDefault', resumed: 'senderResumed' },
  },
  sms: {
    page: '/sms-accounts',
    verify: verifySmsAccount,
    remove: deleteSmsAccount,
    update: updateSmsAccount,
    said: { deleted: 'smsAccountDeleted', madeDefault: 'smsAccountDefault', resumed: 'smsAccountResumed' },
  },
};

function target(form: FormData) {
  const channel = String(form.get('channel') ?? '');
  if (channel !== 'email' && channel !== 'sms') {
    throw badRequest('Invalid form: channel is email or sms', [
      { path: 'channel', message: 'is email or sms' },
    ]);
  }
  return { use: channels[channel], id: String(form.get('id') ?? '') };
}

export async function verifyAccountAction(
  _state: AccountActionState,
  form: FormData,
): Promise<AccountActionState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { use, id } = target(form);
    const result = await use.verify(getDb(), ctx, id);
    revalidatePath(use.page);
    return { ok: result.ok, message: result.message };
  } catch (error) {
    return userError(error);
  }
}

export async function deleteAccountAction(
  _state: AccountActionState,
  form: FormData,
): Promise<AccountActionState> {
  const { ctx } = await requireSessionOrg();
  try {
    const { use, id } = target(form);
    await use.remove(getDb(), ctx, id);
    await toast(use.said.deleted);
    revalidatePath(use.page);
  } catch (error) {
    return userError(error);
  }
  return { ok: true, message: (await getTranslations('accounts'))('deleted') };
}

export async function makeDefaultAccountAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const { use, id } = target(form);
  await use.update(getDb(), ctx, id, { isDefault: true });
  await toast(use.said.madeDefault);
  revalidatePath(use.page);
}

export async function resumeAccountAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const { use, id } = target(form);
  await use.update(getDb(), ctx, id, { pausedUntil: null });
  await toast(use.said.resumed);
  revalidatePath(use.page);
}
