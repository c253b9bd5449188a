import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getMessageStats } from '@/lib/outbox/get-message-stats';
import { statsQuery } from '@/lib/outbox/message.schema';

export const GET = orgRoute(async (req, ctx) => getMessageStats(getDb(), ctx, readQuery(req, statsQuery)));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
