import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { editScheduledMessage } from '@/lib/outbox/edit-scheduled-message';
import { getMessage } from '@/lib/outbox/get-message';
import { editScheduledInput } from '@/lib/outbox/message.schema';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => getMessage(getDb(), ctx, id));

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => ({
  message: await editScheduledMessage(getDb(), ctx, id, await readJson(req, editScheduledInput)),
}));

// Every other method: 405 with the error shape.
export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
