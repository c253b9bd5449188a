import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { retryInput } from '@/lib/outbox/message.schema';
import { retryMessage } from '@/lib/outbox/retry-message';

// The body is optional: a bare POST (no body, no Content-Type) retries as the page's button does.
const hasBody = (req: Request) =>
  req.headers.has('content-type') || Number(req.headers.get('content-length') ?? 0) > 0;

export const POST = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { sendAt } = hasBody(req) ? await readJson(req, retryInput) : {};
  return json({ message: await retryMessage(getDb(), ctx, id, { sendAt }) }, 202);
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
