import { badRequest } from '@/lib/api/errors';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { MESSAGE_BODY_LIMIT } from '@/lib/api/read-body';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { listMessages } from '@/lib/outbox/list-messages';
import { enqueueBody, listMessagesQuery, type MessageInput } from '@/lib/outbox/message.schema';

export const GET = orgRoute(async (req, ctx) =>
  listMessages(getDb(), ctx, readQuery(req, listMessagesQuery)),
);

export const POST = orgRoute(async (req, ctx) => {
  const body = await readJson(req, enqueueBody, { limit: MESSAGE_BODY_LIMIT });
  const key = req.headers.get('idempotency-key')?.trim() || undefined;
  if (key && (key.length > 255 || /[\r\n]/.test(key))) {
    throw badRequest('Invalid Idempotency-Key header.', [
      { path: '(header) Idempotency-Key', message: 'is at most 255 characters on one line' },
    ]);
  }
  if (Array.isArray(body.messages)) {
    const messages = await enqueueMessage(getDb(), ctx, body.messages as MessageInput[], {
      idempotencyKey: key,
    });
    return json({ messages }, 202);
  }
  const message = await enqueueMessage(getDb(), ctx, body as MessageInput, { idempotencyKey: key });
  return json({ message }, 202);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
