import { z } from 'zod';
import { parseOr400 } from '@/lib/api/errors';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { strictJson } from '@/lib/api/strict-json';
import { getDb } from '@/lib/db/client';
import { enqueueSms, smsToEnqueueInput } from '@/lib/outbox/enqueue-sms';
import { smsBatchBody } from '@/lib/outbox/sms.schema';

export const POST = orgRoute(async (req, ctx) => {
  // One SMS or a batch, chosen by shape before validating: a union would answer a bad field of
  // either with an "Invalid input" at the root instead of naming it.
  const raw = await readJson(req, z.record(z.string(), z.unknown()));
  const body =
    'messages' in raw
      ? parseOr400(strictJson(smsBatchBody), raw, 'request body')
      : parseOr400(strictJson(smsToEnqueueInput), raw, 'request body');
  const key = req.headers.get('idempotency-key')?.trim() || undefined;
  if ('messages' in body) {
    const items = body.messages.map((m, i) => ({
      ...m,
      idempotencyKey: m.idempotencyKey ?? (key ? `${key}:${i}` : undefined),
    }));
    return json(
      { messages: await enqueueSms(getDb(), ctx, items, { origin: { kind: 'api', id: null } }) },
      202,
    );
  }
  const [message] = await enqueueSms(
    getDb(),
    ctx,
    [{ ...body, idempotencyKey: body.idempotencyKey ?? key }],
    {
      origin: { kind: 'api', id: null },
    },
  );
  return json({ message }, 202);
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
