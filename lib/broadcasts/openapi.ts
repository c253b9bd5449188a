// Scheduled messages' REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import {
  broadcastPreview,
  broadcastSettingsInput,
  broadcastSettingsView,
  broadcastStats,
  broadcastView,
  createBroadcastInput,
  listBroadcastsQuery,
  listRecipientsQuery,
  markAsReadInput,
  markAsReadResult,
  notReceivedRows,
  periodStats,
  periodStatsQuery,
  previewBroadcastInput,
  recipientView,
  updateBroadcastInput,
} from './broadcast.schema';
import { createTemplateInput, templateView, updateTemplateInput } from './template.schema';

const tag = 'Scheduled messages';
const one = z.object({ broadcast: broadcastView });
const oneTemplate = z.object({ template: templateView });
const unknownVariable =
  '400 names the field, e.g. {"path":"content","message":"uses {nickname}, which is neither a contact field nor a custom field of your contacts"}';
const notEditable = { description: 'The message is already being sent (or finished)', schema: errorSchema };

export const broadcastOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/broadcasts',
    summary: 'Messages to contacts and groups, newest first; `status=scheduled` lists the scheduled ones',
    tag,
    query: listBroadcastsQuery,
    responses: {
      200: {
        description: 'A page; pass nextCursor as cursor for the next one',
        schema: z.object({ broadcasts: z.array(broadcastView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts',
    summary:
      'Compose a message to contacts and/or groups (email, SMS or both), now, later (`scheduledAt` in the organisation’s time zone, or with an offset) or as a draft',
    tag,
    body: createBroadcastInput,
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          'The same key again returns the first message (200, "duplicate": true); with another body, 409',
      },
    ],
    responses: {
      201: { description: 'Created', schema: one.extend({ duplicate: z.boolean() }) },
      200: {
        description: 'A repeat of an earlier request with the same key',
        schema: one.extend({ duplicate: z.boolean() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: { description: 'The Idempotency-Key was used with another body', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts/preview',
    summary: 'Who would get what now: contacts reached, emails, SMS, skipped by reason, unknown variables',
    tag,
    body: previewBroadcastInput,
    responses: {
      200: { description: 'The counts', schema: z.object({ preview: broadcastPreview }) },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts/process-scheduled',
    summary:
      'Expand this organisation’s due messages now (for cron users; the same as `npm run mailroom -- messages:process`)',
    tag,
    responses: {
      200: {
        description: 'What was processed',
        schema: z.object({
          processed: z.array(
            z.object({
              id: z.string(),
              status: z.enum(['pending', 'failed']),
              email: z.number().int(),
              sms: z.number().int(),
              skipped: z.number().int(),
              reason: z.string().optional(),
            }),
          ),
        }),
      },
      401: commonErrors[401],
      403: { description: 'Needs the admin role', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/stats',
    summary: 'Statistics per day of a period (the organisation’s days) by channel, with totals',
    tag,
    query: periodStatsQuery,
    responses: {
      200: { description: 'The statistics', schema: z.object({ stats: periodStats }) },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/settings',
    summary:
      'The organisation’s message settings: per-person open tracking (off by default), the STOP mention appended to group messages’ SMS (none by default)',
    tag,
    responses: {
      200: { description: 'The settings', schema: broadcastSettingsView },
      401: commonErrors[401],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/broadcasts/settings',
    summary:
      'Turn per-person open tracking on or off, set or remove (null) the STOP mention of group SMS, e.g. "STOP au 36180" (admins; what is not given stays)',
    tag,
    body: broadcastSettingsInput,
    responses: {
      200: { description: 'The settings', schema: broadcastSettingsView },
      400: commonErrors[400],
      401: commonErrors[401],
      403: { description: 'Needs the admin role', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/templates',
    summary: 'Message templates to start from, by name (at most 200)',
    tag,
    responses: {
      200: { description: 'The templates', schema: z.object({ templates: z.array(templateView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts/templates',
    summary: `Save a template: a name (unique in the organisation), a subject and a content whose variables are checked like a message’s. ${unknownVariable}`,
    tag,
    body: createTemplateInput,
    responses: {
      201: { description: 'Created', schema: oneTemplate },
      400: commonErrors[400],
      401: commonErrors[401],
      409: { description: 'Another template already has this name', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/templates/{id}',
    summary: 'One template; compose from it with `templateId` on POST /api/v1/broadcasts',
    tag,
    responses: {
      200: { description: 'The template', schema: oneTemplate },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/broadcasts/templates/{id}',
    summary: 'Rename a template or change its subject or content (variables checked again)',
    tag,
    body: updateTemplateInput,
    responses: {
      200: { description: 'The template', schema: oneTemplate },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: { description: 'Another template already has this name', schema: errorSchema },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/broadcasts/templates/{id}',
    summary: 'Delete a template (messages started from it keep their text)',
    tag,
    responses: { 204: { description: 'Deleted' }, 401: commonErrors[401], 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/{id}',
    summary: 'One message',
    tag,
    responses: {
      200: { description: 'The message', schema: one },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/broadcasts/{id}',
    summary: 'Edit a draft or scheduled message until it is due; `draft: false` schedules a draft',
    tag,
    body: updateBroadcastInput,
    responses: {
      200: { description: 'The message', schema: one },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: notEditable,
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts/{id}/cancel',
    summary: 'Cancel a draft or scheduled message until it is due',
    tag,
    responses: {
      200: { description: 'The message', schema: one },
      401: commonErrors[401],
      404: commonErrors[404],
      409: notEditable,
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/{id}/recipients',
    summary: 'Its recipients (one per contact and channel), each with its status, reason and reads',
    tag,
    query: listRecipientsQuery,
    responses: {
      200: {
        description: 'A page; pass nextCursor as cursor',
        schema: z.object({ recipients: z.array(recipientView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/broadcasts/{id}/mark-as-read',
    summary:
      'Mark as read for a contact (or one recipient row), for an app that shows the message itself. Only rows that were sent are marked: a skipped, failed, cancelled or still pending row never received the message (listed in `notReceived`; 409 when no row of the request was sent)',
    tag,
    body: markAsReadInput,
    responses: {
      200: {
        description: 'How many rows took readAt now, and the rows not marked because they never received it',
        schema: markAsReadResult,
      },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
      409: {
        description:
          'No row of the request was sent (skipped, failed, cancelled or still being sent); the message says why and details.notReceived lists the rows',
        schema: errorSchema.extend({
          error: errorSchema.shape.error.extend({ details: z.object({ notReceived: notReceivedRows }) }),
        }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/broadcasts/{id}/stats',
    summary:
      'Its statistics by channel: recipients, sent, delivered, failed, skipped, read (people, among those sent: never more than sent), opens (each one, human and machine apart)',
    tag,
    responses: {
      200: { description: 'The statistics', schema: z.object({ stats: broadcastStats }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
];
