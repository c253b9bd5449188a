// The open pixel of scheduled messages' emails: always a 1×1 GIF, never an error, never cached,
// no cookie. Nothing about the request is stored (no address, no user agent): the agent only
// tells a person from a machine (lib/broadcasts/classify-open.ts).
import { recordOpen } from '@/lib/broadcasts/record-open';
import { getDb } from '@/lib/db/client';
import { log } from '@/lib/log';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function pixel(): Response {
  return new Response(new Uint8Array(GIF), {
    status: 200,
    headers: {
      'Content-Type': 'image/gif',
      'Content-Length': String(GIF.length),
      'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0',
      Pragma: 'no-cache',
      'Referrer-Policy': 'no-referrer',
    },
  });
}

export async function GET(
  req: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  try {
    const { token } = await params;
    await recordOpen(getDb(), token.replace(/\.gif$/, ''), req.headers.get('user-agent'));
  } catch (error) {
    log.warn({ err: error }, 'open pixel not recorded');
  }
  return pixel();
}

export const HEAD = GET;
