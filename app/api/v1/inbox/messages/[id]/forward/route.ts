import { otherMethods } from '@/lib/api/method-not-allowed';
import { MESSAGE_BODY_LIMIT } from '@/lib/api/read-body';
import { readIdempotencyKey } from '@/lib/api/read-idempotency-key';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { forwardInput } from '@/lib/inbox/reply.schema';
import { replyToMessage } from '@/lib/inbox/reply-to-message';

/** Forward a message of the shared inbox (with its attachments unless told not to); 202 with the outbox message. */
export const POST = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const body = await readJson(req, forwardInput, { limit: MESSAGE_BODY_LIMIT });
  const sent = await replyToMessage(getDb(), ctx, id, body, {
    forward: true,
    idempotencyKey: readIdempotencyKey(req),
  });
  return json({ message: sent }, 202);
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
