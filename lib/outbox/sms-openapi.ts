// The SMS channel's REST operations for the OpenAPI document: send, read one SMS, SMS accounts, and
// the providers' callbacks (documented so integrators know what to configure where).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { MAX_BATCH } from './message.schema';
import { sendSmsBody, smsView } from './sms.schema';
import { createSmsAccountInput, smsAccountView, updateSmsAccountInput } from './sms-account.schema';

const tag = 'SMS';
const accountsTag = 'SMS accounts';
const enqueued = z.object({ id: z.uuid() });

export const smsOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/sms',
    summary: `Send one SMS, or \`{ "messages": [...] }\` of up to ${MAX_BATCH} in one transaction, through an SMS account (the default one when \`smsAccountId\` is absent). \`to\` is E.164; a text over the account's segment limit is a 400 naming its segments and encoding. A number that replied STOP is skipped (the SMS is stored cancelled with the reason). Answers 202.`,
    tag,
    body: sendSmsBody,
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          'The same key within 24 hours returns the first SMS instead of a new one (for a batch, each gets `<key>:<index>`); with another body it is a 409.',
      },
    ],
    responses: {
      202: {
        description: 'Accepted: `message` for one, `messages` (in input order) for a batch',
        schema: z.union([z.object({ message: enqueued }), z.object({ messages: z.array(enqueued) })]),
      },
      400: commonErrors[400],
      401: commonErrors[401],
      409: { description: 'Idempotency-Key reused with another body', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/sms/{id}',
    summary:
      'One SMS: status, attempts, provider id, number, text, segments, encoding, and its delivery reports',
    tag,
    responses: {
      200: { description: 'The SMS', schema: z.object({ sms: smsView }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'get',
    path: '/api/v1/sms-accounts',
    summary: 'SMS accounts (Twilio, Brevo, preview), the default first; secrets are never returned',
    tag: accountsTag,
    responses: {
      200: { description: 'The accounts', schema: z.object({ smsAccounts: z.array(smsAccountView) }) },
      401: commonErrors[401],
    },
  },
  {
    method: 'post',
    path: '/api/v1/sms-accounts',
    summary:
      'Add an SMS account. Twilio: accountSid + authToken, from a number or a Messaging Service SID; Brevo: apiKey and an alphanumeric sender name (at most 11 characters). The secret is sealed; the answer gives the webhook URLs to configure at the provider.',
    tag: accountsTag,
    body: createSmsAccountInput,
    responses: {
      201: { description: 'Created', schema: z.object({ smsAccount: smsAccountView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      403: { description: 'Needs the admin role', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/sms-accounts/{id}',
    summary: 'One SMS account',
    tag: accountsTag,
    responses: {
      200: { description: 'The account', schema: z.object({ smsAccount: smsAccountView }) },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/sms-accounts/{id}',
    summary:
      'Change an SMS account (a new authToken / apiKey replaces the secret; `pausedUntil: null` resumes it)',
    tag: accountsTag,
    body: updateSmsAccountInput,
    responses: {
      200: { description: 'Changed', schema: z.object({ smsAccount: smsAccountView }) },
      400: commonErrors[400],
      401: commonErrors[401],
      403: { description: 'Needs the admin role', schema: errorSchema },
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/sms-accounts/{id}',
    summary: 'Remove an SMS account (refused with 409 while SMS wait to go out from it)',
    tag: accountsTag,
    responses: {
      204: { description: 'Removed' },
      401: commonErrors[401],
      404: commonErrors[404],
      409: { description: 'SMS still waiting', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/sms-accounts/{id}/verify',
    summary: 'Ask the provider whether it accepts the credentials (nothing is sent)',
    tag: accountsTag,
    responses: {
      200: {
        description: 'What the provider said',
        schema: z.object({ ok: z.boolean(), message: z.string() }),
      },
      401: commonErrors[401],
      404: commonErrors[404],
    },
  },
  {
    method: 'post',
    path: '/api/v1/sms/twilio/{token}/status',
    summary:
      "Twilio's status callback (form-encoded, X-Twilio-Signature required): delivered / undelivered / failed become delivery events. Given to Twilio with every SMS; no API key.",
    tag,
    responses: {
      204: { description: 'Recorded (or not a final report)' },
      403: { description: 'Bad or missing signature', schema: errorSchema },
      404: { description: 'Unknown token', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/sms/twilio/{token}/inbound',
    summary:
      "Twilio's incoming-message webhook (set it on the number): a reply of STOP opts the number out of SMS, START back in. Answers empty TwiML.",
    tag,
    responses: {
      200: { description: 'Empty TwiML', contentType: 'text/xml' },
      403: { description: 'Bad or missing signature', schema: errorSchema },
      404: { description: 'Unknown token', schema: errorSchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/sms/brevo/{token}',
    summary:
      "Brevo's transactional SMS webhook (JSON; the secret token in the path is the proof): delivered, soft/hard bounces, unsubscriptions and STOP replies.",
    tag,
    body: z.looseObject({
      messageId: z.union([z.string(), z.number()]).optional(),
      msg_status: z.string().optional(),
    }),
    responses: {
      200: { description: 'Recorded', schema: z.object({ ok: z.boolean(), recorded: z.number().int() }) },
      404: { description: 'Unknown token', schema: errorSchema },
    },
  },
];
