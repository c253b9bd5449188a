import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { verifySender } from '@/lib/outbox/verify-sender';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => verifySender(getDb(), ctx, id));
