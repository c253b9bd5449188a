// The open inbox page's live feed, as text/event-stream: `unread` with the organisation's unread
// count when it opens, then `new-mail` (with the new count) each time a sync stores mail for it, and
// `unread` again when the count moves otherwise (read / unread in any tab or mail client, messages
// removed on the server) — woken by NOTIFY through the process's one LISTEN connection, never by
// polling. Heartbeat comments
// keep proxies from closing an idle stream; the stream ends when the client goes away.
import type { OrgContext } from '../auth/org-context';
import { getDb } from '../db/client';
import { getRunEventHub } from '../progress/run-event-hub';
import { SSE_HEADERS } from '../progress/stream-run-events';
import { INBOX_CHANNEL, type InboxNotice } from './announce-new-mail';
import { countUnread } from './count-unread';

const HEARTBEAT_MS = 20_000;
const encoder = new TextEncoder();

export async function streamInboxEvents(ctx: OrgContext, signal: AbortSignal): Promise<Response> {
  const db = getDb();
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Several notices in a burst (a first sync writes batch after batch) are counted once.
  let scheduled = false;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop?.();
    signal.removeEventListener('abort', cleanup);
    try {
      controller.close();
    } catch {
      // already closed by the client going away
    }
  };
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      cleanup();
    }
  };
  const sendCount = async (event: 'unread' | 'new-mail', added = 0) => {
    const unread = await countUnread(db, ctx);
    write(`event: ${event}\ndata: ${JSON.stringify({ unread, added })}\n\n`);
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel: cleanup,
  });
  signal.addEventListener('abort', cleanup);
  let added = 0;
  stop = await getRunEventHub().onChannel(INBOX_CHANNEL, (payload) => {
    let notice: InboxNotice;
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    if (notice.orgId !== ctx.orgId || closed) return;
    if ('count' in notice) added += notice.count;
    if (scheduled) return;
    scheduled = true;
    void (async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const n = added;
      added = 0;
      scheduled = false;
      await sendCount(n > 0 ? 'new-mail' : 'unread', n);
    })().catch(() => cleanup());
  });
  if (signal.aborted) cleanup();
  write('retry: 3000\n\n');
  await sendCount('unread');
  heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  return new Response(stream, { headers: SSE_HEADERS });
}
