import { errorResponse } from '@/lib/api/respond';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { readPreviewAttachment } from '@/lib/mail/read-preview-attachment';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id, index } = await params;
  try {
    const file = await readPreviewAttachment(getDb(), { kind: 'org', ctx }, id, Number.parseInt(index, 10));
    return new Response(new Uint8Array(file.content), {
      headers: {
        // A download, never rendered: an HTML attachment must not run in our origin.
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
