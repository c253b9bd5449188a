import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { verifySmsAccount } from '@/lib/outbox/verify-sms-account';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => verifySmsAccount(getDb(), ctx, id));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
