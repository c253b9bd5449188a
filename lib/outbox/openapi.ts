// The outbox's REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { smtpPresets } from '../mail/smtp-presets';
import { outboxSettingsView } from './get-outbox-settings';
import {
  editScheduledInput,
  enqueuedView,
  listMessagesQuery,
  MAX_BATCH,
  messageInput,
  messageView,
  messageWithAttemptsView,
  retryInput,
  statsQuery,
  statsView,
} from './message.schema';
import { createSenderInput, senderView, updateSenderInput, verifyResultView } from './sender.schema';
import { updateOutboxSettingsInput } from './update-outbox-settings';

const tag = 'Outbox';
const sendersTag = 'Sender accounts';
const conflictError = { description: 'Not possible in the current state', schema: errorSchema };

export const outboxOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/messages',
    summary: `Send one message, or \`{ "messages": [...] }\` of up to ${MAX_BATCH} in one transaction. Answers 202: the messages are queued (or scheduled with sendAt).`,
    tag,
    body: z.union([messageInput, z.object({ messages: z.array(messageInput).min(1).max(MAX_BATCH) })]),
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          'The same key within 24 hours returns the first message instead of a new one (for a batch, each message gets `<key>:<index>`). A body field `idempotencyKey` wins over it.',
      },
    ],
    responses: {
      202: {
        description: 'Accepted: `message` for one, `messages` (in input order) for a batch',
        schema: z.union([z.object({ message: enqueuedView }), z.object({ messages: z.array(enqueuedView) })]),
      },
      400: commonErrors[400],
      401: commonErrors[401],
      413: { description: 'Attachments over 25 MB for a message', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/messages',
    summary:
      'Messages, newest first, filtered by status (several with commas), queue, sender, run or a search',
    tag,
    query: listMessagesQuery,
    responses: {
      200: {
        description: 'A page; pass nextCursor as cursor for the next one',
        schema: z.object({ messages: z.array(messageView), nextCursor: z.string().nullable() }),
      },
      400: commonErrors[400],
      401: commonErrors[401],
    },
  },
  {
    method: 'get',
    path: '/api/v1/messages/stats',
    summary: 'Counts by status, and per day (UTC) created / sent / failed',
    tag,
    query: statsQuery,
    responses: { 200: { description: 'Counts', schema: statsView }, 401: commonErrors[401] },
  },
  {
    method: 'get',
    path: '/api/v1/messages/{id}',
    summary:
      'One message: status, Message-ID, provider message id, bodies, attachments, and every attempt with the server answer',
    tag,
    responses: {
      200: { description: 'The message and its attempts', schema: messageWithAttemptsView },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/messages/{id}/attachments/{attachmentId}',
    summary: 'Download one attachment of a message (ids from GET /api/v1/messages/{id})',
    tag,
    responses: { 200: { description: 'The file, as application/octet-stream' }, 404: commonErrors[404] },
  },
  {
    method: 'patch',
    path: '/api/v1/messages/{id}',
    summary: 'Edit a scheduled message before it is due (recipients, content, headers, sendAt, expiresAt)',
    tag,
    body: editScheduledInput,
    responses: {
      200: { description: 'The message', schema: z.object({ message: messageView }) },
      400: commonErrors[400],
      404: commonErrors[404],
      409: conflictError,
    },
  },
  {
    method: 'post',
    path: '/api/v1/messages/{id}/cancel',
    summary: 'Cancel a scheduled or queued message (409 once it is being sent or finished)',
    tag,
    responses: {
      200: { description: 'Cancelled', schema: z.object({ message: messageView }) },
      404: commonErrors[404],
      409: conflictError,
    },
  },
  {
    method: 'post',
    path: '/api/v1/messages/{id}/retry',
    summary:
      'Retry: a message waiting for its next attempt is tried now; a failed, expired or cancelled one is copied into a new message (`retryOf` = the original, which keeps its status). A cancelled message whose time is still ahead keeps it unless `sendAt` says otherwise (`null`: now)',
    tag,
    body: retryInput,
    responses: {
      202: { description: 'The message now queued', schema: z.object({ message: messageView }) },
      404: commonErrors[404],
      409: conflictError,
    },
  },
  {
    method: 'get',
    path: '/api/v1/senders',
    summary: 'Sender accounts (passwords are never returned: only hasPassword)',
    tag: sendersTag,
    responses: { 200: { description: 'Accounts', schema: z.object({ senders: z.array(senderView) }) } },
  },
  {
    method: 'post',
    path: '/api/v1/senders',
    summary:
      'Add a sender account (admin). A preset fills host, port, security and the provider limits: ' +
      smtpPresets.map((p) => p.id).join(', '),
    tag: sendersTag,
    body: createSenderInput,
    responses: {
      201: { description: 'Created', schema: z.object({ sender: senderView }) },
      400: commonErrors[400],
      403: { description: 'Needs the admin role', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/senders/presets',
    summary: 'Known providers: server settings and default limits',
    tag: sendersTag,
    responses: { 200: { description: 'Presets' } },
  },
  {
    method: 'get',
    path: '/api/v1/senders/{id}',
    summary: 'One sender account',
    tag: sendersTag,
    responses: {
      200: { description: 'The account', schema: z.object({ sender: senderView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/senders/{id}',
    summary:
      'Change a sender account (admin); `"pausedUntil": null` resumes an account paused by a daily quota',
    tag: sendersTag,
    body: updateSenderInput,
    responses: {
      200: { description: 'The account', schema: z.object({ sender: senderView }) },
      400: commonErrors[400],
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/senders/{id}',
    summary: 'Delete a sender account (admin); refused while messages wait to go out from it',
    tag: sendersTag,
    responses: { 204: { description: 'Deleted' }, 404: commonErrors[404], 409: conflictError },
  },
  {
    method: 'post',
    path: '/api/v1/senders/{id}/verify',
    summary: 'Test the connection: connect, TLS, sign in; answers with what the server said, in plain words',
    tag: sendersTag,
    responses: { 200: { description: 'The result', schema: verifyResultView }, 404: commonErrors[404] },
  },
  {
    method: 'get',
    path: '/api/v1/outbox/settings',
    summary: 'Delivery settings of the organisation',
    tag,
    responses: { 200: { description: 'Settings', schema: outboxSettingsView } },
  },
  {
    method: 'patch',
    path: '/api/v1/outbox/settings',
    summary: 'Change the delivery settings (admin): maxAttempts for temporary failures (default 3)',
    tag,
    body: updateOutboxSettingsInput,
    responses: { 200: { description: 'Settings', schema: outboxSettingsView }, 400: commonErrors[400] },
  },
];
