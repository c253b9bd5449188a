// Connected accounts' REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { senderView, updateSenderInput } from '../outbox/sender.schema';
import { callbackQuery, connectQuery } from './connect.schema';
import { connectedMailboxView } from './list-connected-accounts';

const tag = 'Connected accounts';

export const oauthOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/connected-accounts',
    summary:
      'Google and Microsoft accounts connected over OAuth: `accounts`, the sender accounts of kind gmail / microsoft, each with `needsReconnect` and `pausedUntil`; `mailboxes`, the mailboxes signed in with a grant (an account connected for receiving only is only here), each with its sync status, `provider` and `needsReconnect`. Tokens are never returned.',
    tag,
    responses: {
      200: {
        description: 'The accounts',
        schema: z.object({ accounts: z.array(senderView), mailboxes: z.array(connectedMailboxView) }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/connected-accounts/{id}',
    summary: 'One connected account',
    tag,
    responses: {
      200: { description: 'The account', schema: z.object({ account: senderView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/connected-accounts/{id}',
    summary: 'Change a connected account (admin): name, From name, Reply-To, limits, default',
    tag,
    body: updateSenderInput,
    responses: {
      200: { description: 'The account', schema: z.object({ account: senderView }) },
      400: commonErrors[400],
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/connected-accounts/{id}',
    summary:
      'Disconnect (admin): deletes the tokens and revokes the grant where the provider offers it; refused while messages wait',
    tag,
    responses: {
      200: {
        description: 'Whether the provider revoked the grant',
        schema: z.object({ revoked: z.boolean() }),
      },
      404: commonErrors[404],
      409: { description: 'Messages still wait on the account', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/connected-accounts/connect/{provider}',
    summary:
      'Browser flow, signed in as an owner or admin: redirects (302) to Google or Microsoft (`provider`: google | microsoft) with PKCE and a state bound to you and your organisation',
    tag,
    query: connectQuery,
    responses: { 302: { description: 'To the provider' }, 400: commonErrors[400] },
  },
  {
    method: 'get',
    path: '/api/v1/connected-accounts/callback/{provider}',
    summary:
      "The provider's redirect back: completes the connection, then redirects (303) to the Sender accounts page (Mailboxes for receiving only)",
    tag,
    query: callbackQuery,
    responses: {
      303: {
        description:
          'To /senders?connected=… (/inbox/mailboxes?connected=… for an account connected for receiving only) or /senders?connect_error=…',
      },
    },
  },
];
