import { z } from 'zod';
import { commonErrors, type Operation } from '../api/openapi';
import { listRunsQuery, runEventMessage, runEventsQuery, runView } from './progress.schema';

export const progressOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/runs',
    summary: 'Run history: bulk sends and other long jobs, newest first',
    tag: 'Runs',
    query: listRunsQuery,
    responses: {
      200: { description: 'Runs', schema: z.object({ runs: z.array(runView) }) },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/runs/{id}',
    summary: 'One run: status and counters (total, processed, succeeded, failed, cancelled)',
    tag: 'Runs',
    responses: {
      200: { description: 'The run', schema: z.object({ run: runView }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/runs/{id}/events',
    summary:
      'Progress as Server-Sent Events (text/event-stream). Each event is `id: <seq>`, `event: <kind>` and ' +
      '`data: <JSON shown here>`, so a client listens with `addEventListener("complete", …)` ' +
      "(kind start | progress | error | complete; data.counters are the run's counters right after it). " +
      'Replays the events after Last-Event-ID (header, or ?lastEventId=), or all, then streams new ones as they ' +
      'commit; `: heartbeat` comments every 15 s. A finished run replays and closes; a live one closes after `complete`.',
    tag: 'Runs',
    query: runEventsQuery,
    headers: [
      { name: 'Last-Event-ID', description: 'Resume after this sequence number (browsers send it).' },
    ],
    responses: {
      200: {
        description:
          'text/event-stream; events named start | progress | error | complete, each data line one of these',
        contentType: 'text/event-stream',
        eventSchema: runEventMessage,
      },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
];
