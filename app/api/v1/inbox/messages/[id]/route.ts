import { z } from 'zod';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getMessage } from '@/lib/inbox/get-message';
import { setSeenInput } from '@/lib/inbox/messages.schema';
import { setMessageSeen } from '@/lib/inbox/set-message-seen';

const messageQuery = z.object({ remoteImages: z.enum(['true', 'false']).optional() });

export const GET = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { remoteImages } = readQuery(req, messageQuery);
  return { message: await getMessage(getDb(), ctx, id, { allowRemoteImages: remoteImages === 'true' }) };
});

export const PATCH = orgRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { seen } = await readJson(req, setSeenInput);
  return { message: await setMessageSeen(getDb(), ctx, id, seen) };
});

// Every other method: 405 with the error shape.
export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
