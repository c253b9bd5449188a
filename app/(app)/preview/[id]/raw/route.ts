import { errorResponse } from '@/lib/api/respond';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { readPreviewMessage } from '@/lib/mail/read-preview-messages';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  try {
    const message = await readPreviewMessage(getDb(), { kind: 'org', ctx }, id);
    return new Response(new Uint8Array(message.raw), {
      headers: {
        'Content-Type': 'message/rfc822',
        'Content-Disposition': `attachment; filename="message-${message.id}.eml"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
