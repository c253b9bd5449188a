import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getMessageAttachment } from '@/lib/outbox/get-message-attachment';

export const GET = orgRoute<{ id: string; attachmentId: string }>(async (_req, ctx, { id, attachmentId }) => {
  const file = await getMessageAttachment(getDb(), ctx, id, attachmentId);
  return new Response(new Uint8Array(file.content), {
    headers: {
      // Always a download, never rendered by the browser (an HTML attachment could run script).
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
