// Brevo's transactional SMS webhook for an SMS account (the token in the path is the proof).
import { z } from 'zod';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { publicRouteWith, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { handleBrevoWebhook } from '@/lib/sms/handle-brevo-webhook';

export const POST = publicRouteWith<{ token: string }>(async (req, { token }) => {
  const body = await readJson(req, z.unknown());
  const result = await handleBrevoWebhook(getDb(), token, body);
  return { ok: true, recorded: result.recorded };
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
