import { notFound } from '@/lib/api/errors';
import { publicRoute } from '@/lib/api/route';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';
import { getDb } from '@/lib/db/client';
import { readPreviewMessage } from '@/lib/mail/read-preview-messages';

export const GET = publicRoute(async (req) => {
  if (!canReadSystemMailbox(req.headers)) throw notFound('Mailbox');
  const id = new URL(req.url).pathname.split('/').at(-2) ?? '';
  const message = await readPreviewMessage(getDb(), { kind: 'system' }, id);
  return new Response(new Uint8Array(message.raw), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="message-${message.id}.eml"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    },
  });
});
