// The one place where channels plug into the delivery core. The lifecycle — claim, rates, pauses,
// retries, expiry, recovery, settle, retention — is written once in lib/outbox against
// outbox_messages; what differs per channel is only how one account's claimed messages are turned
// into outcomes: its content table, its transport and its error classifier. Adding a channel is an
// entry here (and its content table), never a branch in the claim or settle statements.
import type { Db } from '../db/client';
import type { Channel, SenderAccount } from '../db/schema/outbox';
import type { ClassifiedSendError } from '../mail/classify-send-error';
import type { AttachmentReader } from './attachment-reader';
import type { ClaimedMessage } from './claim-due-messages';
import { emailChannel } from './email-channel';
import type { SendOutcome } from './settle-attempts';
import { smsChannel } from './sms-channel';

/** Sends one claimed message through the account's transport (throws what the transport threw). */
export type SendOne = (m: ClaimedMessage) => Promise<SendOutcome>;

export type DeliveryChannel = {
  /**
   * The account's transport for one batch, with the batch's content loaded (once for the batch),
   * as a function that sends one message.
   */
  open(db: Db, sender: SenderAccount, messages: ClaimedMessage[], files: AttachmentReader): Promise<SendOne>;
  /** What a thrown error means: temporary, permanent, quota, unreachable (lib/mail/classify-send-error). */
  classify(error: unknown): ClassifiedSendError;
  /** How many of the account's messages go out at once. */
  lanes(sender: SenderAccount): number;
};

export const channels: Record<Channel, DeliveryChannel> = {
  email: emailChannel,
  sms: smsChannel,
};
