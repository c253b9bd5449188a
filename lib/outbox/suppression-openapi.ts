// The suppression list's REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, type Operation } from '../api/openapi';
import { addSuppressionInput, listSuppressionsQuery, suppressionView } from './suppressions.schema';

const tag = 'Suppression list';

export const suppressionOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/suppressions',
    summary:
      'Addresses the outbox does not send to, newest first: hard bounces read from a connected mailbox (`source: inbox`), complaints, and entries people added. `q` matches part of the address.',
    tag,
    query: listSuppressionsQuery,
    responses: {
      200: {
        description: 'A page; pass nextCursor as cursor for the next one',
        schema: z.object({ suppressions: z.array(suppressionView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/suppressions',
    summary:
      'Put an address (or an E.164 phone number) on the list: a later message to it is not sent to it, and says why (`suppressed` on the message; every recipient suppressed: `failed`).',
    tag,
    body: addSuppressionInput,
    responses: {
      201: { description: 'Added', schema: z.object({ suppression: suppressionView }) },
      200: {
        description: 'Already on the list: the existing entry, unchanged',
        schema: z.object({ suppression: suppressionView }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/suppressions/{id}',
    summary: 'Take an address off the list: the next message to it is sent again',
    tag,
    responses: {
      204: { description: 'Removed' },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
];
