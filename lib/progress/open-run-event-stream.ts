// GET /api/v1/runs/{id}/events: the caller's run (404 otherwise), resumed after Last-Event-ID
// (header, or ?lastEventId= for clients that cannot set it), streamed as server-sent events.
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import { getRun } from './get-run';
import { runEventsQuery } from './progress.schema';
import { getRunEventHub } from './run-event-hub';
import { streamRunEvents } from './stream-run-events';

export async function openRunEventStream(req: Request, ctx: OrgContext, runId: string): Promise<Response> {
  const hub = getRunEventHub();
  const run = await getRun(hub.db, ctx, runId);
  return streamRunEvents({ run, afterSeq: lastEventId(req), hub, db: hub.db, signal: req.signal });
}

function lastEventId(req: Request): number {
  const header = req.headers.get('last-event-id')?.trim();
  // A browser sends back whatever id it last saw; ours are integers, anything else starts over.
  if (header) return /^\d{1,9}$/.test(header) ? Number(header) : 0;
  const query = runEventsQuery.safeParse({
    lastEventId: new URL(req.url).searchParams.get('lastEventId') ?? undefined,
  });
  if (!query.success) {
    throw badRequest('Invalid query: lastEventId must be a non-negative integer.', [
      { path: 'lastEventId', message: 'must be a non-negative integer' },
    ]);
  }
  return query.data.lastEventId ?? 0;
}
