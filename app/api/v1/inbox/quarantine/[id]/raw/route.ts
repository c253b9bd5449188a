import { downloadResponse } from '@/lib/api/download';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getQuarantinedRaw } from '@/lib/inbox/list-quarantined';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  downloadResponse(await getQuarantinedRaw(getDb(), ctx, id), `quarantined-${id}.eml`, 'message/rfc822'),
);
