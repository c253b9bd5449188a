import { downloadResponse } from '@/lib/api/download';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getAttachment } from '@/lib/inbox/get-attachment';

export const GET = orgRoute<{ id: string; attachmentId: string }>(async (_req, ctx, { id, attachmentId }) => {
  const a = await getAttachment(getDb(), ctx, id, attachmentId);
  return downloadResponse(a.content, a.filename, a.contentType);
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
