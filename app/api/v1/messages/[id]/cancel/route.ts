import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { cancelMessage } from '@/lib/outbox/cancel-message';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => ({
  message: await cancelMessage(getDb(), ctx, id),
}));
