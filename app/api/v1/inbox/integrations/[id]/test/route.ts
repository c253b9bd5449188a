import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { testIntegrationConnection } from '@/lib/inbox/test-connection';

export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  testIntegrationConnection(getDb(), ctx, id),
);
