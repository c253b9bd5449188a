import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { createSender } from '@/lib/outbox/create-sender';
import { listSenders } from '@/lib/outbox/list-senders';
import { createSenderInput } from '@/lib/outbox/sender.schema';

export const GET = orgRoute(async (_req, ctx) => ({ senders: await listSenders(getDb(), ctx) }));

export const POST = orgRoute(async (req, ctx) =>
  json({ sender: await createSender(getDb(), ctx, await readJson(req, createSenderInput)) }, 201),
);

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
