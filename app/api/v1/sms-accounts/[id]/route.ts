import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { deleteSmsAccount } from '@/lib/outbox/delete-sms-account';
import { getSmsAccount } from '@/lib/outbox/get-sms-account';
import { updateSmsAccountInput } from '@/lib/outbox/sms-account.schema';
import { updateSmsAccount } from '@/lib/outbox/update-sms-account';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  smsAccount: await getSmsAccount(getDb(), ctx, id),
}));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  smsAccount: await updateSmsAccount(getDb(), ctx, id, await readJson(req, updateSmsAccountInput)),
}));

export const DELETE = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteSmsAccount(getDb(), ctx, id);
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
