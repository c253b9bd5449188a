import { downloadResponse } from '@/lib/api/download';
import { errorResponse } from '@/lib/api/respond';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { getMessageAttachment } from '@/lib/outbox/get-message-attachment';

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ id: string; attachmentId: string }> },
) {
  const { ctx } = await requireSessionOrg();
  const { id, attachmentId } = await params;
  try {
    const file = await getMessageAttachment(getDb(), ctx, id, attachmentId);
    return downloadResponse(file.content, file.filename, file.contentType);
  } catch (error) {
    return errorResponse(error);
  }
}
