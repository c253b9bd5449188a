import { downloadResponse } from '@/lib/api/download';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getMessageAttachment } from '@/lib/outbox/get-message-attachment';

export const GET = orgRoute<{ id: string; attachmentId: string }>(async (_req, ctx, { id, attachmentId }) => {
  const file = await getMessageAttachment(getDb(), ctx, id, attachmentId);
  return downloadResponse(file.content, file.filename, file.contentType);
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
