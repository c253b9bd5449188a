// A connected account at the REST boundary. Its id is its OAuth grant's (the `credentials` row):
// the one thing a Google or Microsoft account connected for sending, receiving or both always has.
// The sender account and the mailbox that use the grant are shown inside it; its status is the
// grant's, the same one the Sender accounts and Mailboxes pages read. Tokens never appear.
import { z } from 'zod';
import { credentialStatusEnum } from '../db/schema/credentials';
import { integrationView } from '../inbox/integrations.schema';
import { senderView, updateSenderInput } from '../outbox/sender.schema';
import { oauthProviderIds } from './oauth-providers';

export const connectedAccountView = z.object({
  id: z.uuid(),
  provider: z.enum(oauthProviderIds),
  /** The address the grant belongs to (from the ID token or profile when it was connected). */
  address: z.string(),
  name: z.string(),
  /** What the account is used for: `send` when it has a sender account, `receive` when a mailbox. */
  purposes: z.array(z.enum(['send', 'receive'])),
  /** The scopes the provider granted (not secret). */
  scopes: z.array(z.string()),
  /** `needs_reconnect`: the provider refused the grant (revoked, expired); Reconnect runs the flow again. */
  status: z.enum(credentialStatusEnum.enumValues),
  /** The provider's words when it refused the grant; null while active. */
  statusReason: z.string().nullable(),
  sender: senderView.nullable(),
  mailbox: integrationView.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConnectedAccountView = z.infer<typeof connectedAccountView>;

/** What may be changed: the name (of the sender and the mailbox alike) and the sending settings. */
export const updateConnectedAccountInput = updateSenderInput
  .pick({ name: true, fromName: true, replyTo: true, ratePerMinute: true, ratePerDay: true, isDefault: true })
  .strict();
export type UpdateConnectedAccountInput = z.input<typeof updateConnectedAccountInput>;
