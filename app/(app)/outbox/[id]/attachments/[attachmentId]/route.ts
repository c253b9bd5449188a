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
    return new Response(new Uint8Array(file.content), {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
