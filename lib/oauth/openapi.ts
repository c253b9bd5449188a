// Connected accounts' REST operations for the OpenAPI document (app/api/v1/openapi.json).
import { z } from 'zod';
import { commonErrors, errorSchema, type Operation } from '../api/openapi';
import { callbackQuery, connectQuery } from './connect.schema';
import { connectedAccountView, updateConnectedAccountInput } from './connected-account.schema';

const tag = 'Connected accounts';

export const oauthOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/connected-accounts',
    summary:
      "Google and Microsoft accounts connected over OAuth. Each has its own `id` (the grant's), `provider`, `address`, `purposes` (send, receive), granted `scopes`, `status` (`active` | `needs_reconnect`, with the provider's `statusReason`), and the `sender` account and `mailbox` that use it (an account connected for receiving only has `sender: null`). Tokens are never returned. Changed: before, `accounts` listed sender accounts and a separate `mailboxes` list the mailboxes; `{id}` below was a sender account id.",
    tag,
    responses: {
      200: {
        description: 'The accounts',
        schema: z.object({ accounts: z.array(connectedAccountView) }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/connected-accounts/{id}',
    summary: 'One connected account, by its id as listed',
    tag,
    responses: {
      200: { description: 'The account', schema: z.object({ account: connectedAccountView }) },
      404: commonErrors[404],
    },
  },
  {
    method: 'patch',
    path: '/api/v1/connected-accounts/{id}',
    summary:
      "Change a connected account (admin): `name` (its sender account's and mailbox's), and for an account that sends: From name, Reply-To, limits, default. Sending settings on a receive-only account are a 400 naming the field.",
    tag,
    body: updateConnectedAccountInput,
    responses: {
      200: { description: 'The account', schema: z.object({ account: connectedAccountView }) },
      400: commonErrors[400],
      404: commonErrors[404],
    },
  },
  {
    method: 'delete',
    path: '/api/v1/connected-accounts/{id}',
    summary:
      'Disconnect (admin): removes the sender account (kept for history) and the mailbox (with what was imported from it), deletes the tokens, then revokes the grant where the provider offers revocation (Google; Microsoft has none: `revoked: false`). Refused (409) while messages wait to be sent from it: the message names how many in which status, `details.waiting` counts them.',
    tag,
    responses: {
      200: {
        description: 'Disconnected; whether the provider revoked the grant',
        schema: z.object({ id: z.uuid(), revoked: z.boolean() }),
      },
      404: commonErrors[404],
      409: { description: 'Messages still wait on the account', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/connected-accounts/connect/{provider}',
    summary:
      'Browser flow, signed in as an owner or admin: redirects (302) to Google or Microsoft (`provider`: google | microsoft) with PKCE and a state bound to you and your organisation; `account` reconnects a connected account (same id, sender and mailbox; asked for the scopes it uses)',
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
