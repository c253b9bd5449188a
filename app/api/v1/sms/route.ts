import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { enqueueSms } from '@/lib/outbox/enqueue-sms';
import { sendSmsBody } from '@/lib/outbox/sms.schema';

export const POST = orgRoute(async (req, ctx) => {
  const body = await readJson(req, sendSmsBody);
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
