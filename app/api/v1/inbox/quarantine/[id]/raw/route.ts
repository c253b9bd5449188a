import { downloadResponse } from '@/lib/api/download';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getQuarantinedRaw } from '@/lib/inbox/list-quarantined';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) =>
  downloadResponse(await getQuarantinedRaw(getDb(), ctx, id), `quarantined-${id}.eml`, 'message/rfc822'),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
