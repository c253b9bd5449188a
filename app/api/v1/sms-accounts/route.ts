import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { createSmsAccount } from '@/lib/outbox/create-sms-account';
import { listSmsAccounts } from '@/lib/outbox/list-sms-accounts';
import { createSmsAccountInput } from '@/lib/outbox/sms-account.schema';

export const GET = orgRoute(async (_req, ctx) => ({ smsAccounts: await listSmsAccounts(getDb(), ctx) }));

export const POST = orgRoute(async (req, ctx) =>
  json({ smsAccount: await createSmsAccount(getDb(), ctx, await readJson(req, createSmsAccountInput)) }, 201),
);

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
