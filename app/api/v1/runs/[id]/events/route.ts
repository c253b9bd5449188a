import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { openRunEventStream } from '@/lib/progress/open-run-event-stream';

export const dynamic = 'force-dynamic';

// text/event-stream of the run's progress events; resumes after Last-Event-ID (or ?lastEventId=).
export const GET = orgRoute<{ id: string }>((req, ctx, { id }) => openRunEventStream(req, ctx, id));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
