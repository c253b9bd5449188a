import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { streamInboxEvents } from '@/lib/inbox/stream-inbox-events';

export const dynamic = 'force-dynamic';

// text/event-stream: `unread` once, then `new-mail` (with the unread count) as syncs store mail, and
// `unread` again when read state or removals change the count.
export const GET = orgRoute((req, ctx) => streamInboxEvents(ctx, req.signal));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
