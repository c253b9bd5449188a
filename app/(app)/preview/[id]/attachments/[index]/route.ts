import { downloadResponse } from '@/lib/api/download';
import { errorResponse } from '@/lib/api/respond';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { readPreviewAttachment } from '@/lib/mail/read-preview-attachment';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id, index } = await params;
  try {
    const file = await readPreviewAttachment(getDb(), { kind: 'org', ctx }, id, Number.parseInt(index, 10));
    return downloadResponse(file.content, file.filename, file.contentType);
  } catch (error) {
    return errorResponse(error);
  }
}
