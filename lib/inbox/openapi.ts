// The shared inbox's REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import {
  createIntegrationInput,
  integrationView,
  syncRequestView,
  testConnectionInput,
  testConnectionResult,
  updateIntegrationInput,
} from './integrations.schema';
import {
  listMessagesQuery,
  listQuarantineQuery,
  listRemovedQuery,
  messageSummaryView,
  messageView,
  quarantinedView,
  removedLocationView,
  setSeenInput,
} from './messages.schema';
import { forwardInput, replyInput, replySentView } from './reply.schema';

const tag = 'Inbox';
const presetView = z.object({
  id: z.string(),
  label: z.string(),
  host: z.string(),
  port: z.number(),
  security: z.string(),
  usernameHint: z.string(),
  passwordNote: z.string(),
});
const forbidden = { description: 'Needs the admin role', schema: errorSchema };
const file = (description: string) => ({ description });

export const inboxOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/inbox/presets',
    summary: 'IMAP settings of common providers, with where to create an app password',
    tag,
    responses: { 200: { description: 'Presets', schema: z.object({ presets: z.array(presetView) }) } },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/integrations',
    summary: 'Connected mailboxes with their sync status, last error and counts (never the password)',
    tag,
    responses: {
      200: { description: 'Mailboxes', schema: z.object({ integrations: z.array(integrationView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/integrations',
    summary:
      'Connect an IMAP mailbox. With `preset`, host/port/security may be left out. The password is sealed at rest; the first sync is due at once.',
    tag,
    body: createIntegrationInput,
    responses: {
      201: { description: 'Connected', schema: z.object({ integration: integrationView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      403: forbidden,
      409: { description: 'This account is already connected in the organisation', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/integrations/test',
    summary: 'Try settings before saving them: lists the folders, or says why the server refused',
    tag,
    body: testConnectionInput,
    responses: { 200: { description: 'The outcome', schema: testConnectionResult }, 400: commonErrors[400] },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/integrations/sync-all',
    summary: 'Sync every active mailbox now (joins any sync already queued or running). Answers 202.',
    tag,
    responses: {
      202: { description: 'Requested', schema: z.object({ syncs: z.array(syncRequestView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/integrations/{id}',
    summary: 'One mailbox, with its last run',
    tag,
    responses: {
      200: { description: 'The mailbox', schema: z.object({ integration: integrationView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/inbox/integrations/{id}',
    summary: 'Change settings; leave `password` out to keep the stored one',
    tag,
    body: updateIntegrationInput,
    responses: {
      200: { description: 'Updated', schema: z.object({ integration: integrationView }) },
      400: commonErrors[400],
      403: forbidden,
      404: commonErrors[404],
      409: { description: 'This account is already connected in the organisation', schema: errorSchema },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/inbox/integrations/{id}',
    summary: 'Disconnect the mailbox and delete what was imported from it (the server is not touched)',
    tag,
    responses: { 204: { description: 'Deleted' }, 403: forbidden, 404: commonErrors[404] },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/integrations/{id}/sync',
    summary:
      'Sync now. If a sync of this mailbox is already queued or running, the request joins it (`joined: true`).',
    tag,
    responses: {
      202: { description: 'Requested', schema: z.object({ sync: syncRequestView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/integrations/{id}/removed',
    summary:
      'What was deleted or moved on the server, newest first: each gone location with the folders that still hold its message (empty: deleted, out of the shared inbox)',
    tag,
    query: listRemovedQuery,
    responses: {
      200: {
        description: 'The latest removals',
        schema: z.object({ removed: z.array(removedLocationView) }),
      },
      400: commonErrors[400],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/integrations/{id}/test',
    summary: "Test the stored settings: the server's folders, or its error in plain words",
    tag,
    responses: { 200: { description: 'The outcome', schema: testConnectionResult }, 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/messages',
    summary:
      'The shared inbox: messages of all mailboxes, newest first; filter by mailbox, search, unread, thread',
    tag,
    query: listMessagesQuery,
    responses: {
      200: {
        description: 'A page; pass `nextCursor` as `cursor` for the next one',
        schema: z.object({ messages: z.array(messageSummaryView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/messages/{id}',
    summary:
      'One message: headers, text, sanitised HTML, attachments (`?remoteImages=true` keeps remote images)',
    tag,
    responses: {
      200: { description: 'The message', schema: z.object({ message: messageView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/inbox/messages/{id}',
    summary: 'Mark read or unread; the change is also written back to the mail server by the worker',
    tag,
    body: setSeenInput,
    responses: {
      200: { description: 'Updated', schema: z.object({ message: messageSummaryView }) },
      400: commonErrors[400],
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/events',
    summary:
      'New mail as Server-Sent Events (text/event-stream): `event: unread` once with the organisation’s unread count, then `event: new-mail` each time a sync (push or interval) stores mail for it, with the new count and how many arrived, and `event: unread` again (`added` 0) when the count changes otherwise — a message marked read or unread (page, REST or another mail client), messages deleted or moved away on the server; `: heartbeat` comments every 20 s. Woken by NOTIFY, never by polling.',
    tag,
    responses: {
      200: {
        description: 'text/event-stream; events named unread | new-mail',
        contentType: 'text/event-stream',
        eventSchema: z.object({ unread: z.number().int(), added: z.number().int() }),
      },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/messages/{id}/reply',
    summary:
      'Reply (`all: true`: reply all) through the outbox, from the sender account linked to the mailbox: `Re:` subject, In-Reply-To and References, the quoted original below `text`/`html` (unless `quote: false`). Recipients absent: the original’s Reply-To or sender (and for reply all its other recipients, less the mailbox). Follow the result with GET /api/v1/messages/{id}.',
    tag,
    body: replyInput,
    headers: [
      { name: 'Idempotency-Key', description: 'The same key within 24 hours returns the first reply.' },
    ],
    responses: {
      202: { description: 'Queued in the outbox', schema: z.object({ message: replySentView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/inbox/messages/{id}/forward',
    summary:
      'Forward through the outbox with `Fwd:`, References, the original below the body and its attachments (unless `includeAttachments: false`), plus any `attachments` given.',
    tag,
    body: forwardInput,
    headers: [
      { name: 'Idempotency-Key', description: 'The same key within 24 hours returns the first forward.' },
    ],
    responses: {
      202: { description: 'Queued in the outbox', schema: z.object({ message: replySentView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/messages/{id}/attachments/{attachmentId}',
    summary: 'Download an attachment (Content-Disposition: attachment)',
    tag,
    responses: { 200: file('The file'), 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/quarantine',
    summary: 'Messages that could not be imported, with the reason and raw size',
    tag,
    query: listQuarantineQuery,
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ quarantined: z.array(quarantinedView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
    },
  },
  {
    method: 'get',
    path: '/api/v1/inbox/quarantine/{id}/raw',
    summary: 'Download a quarantined message as fetched (message/rfc822)',
    tag,
    responses: { 200: file('The raw message'), 404: commonErrors[404] },
  },
];
