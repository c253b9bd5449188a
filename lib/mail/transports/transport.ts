// What every way of sending mail looks like to the outbox: SMTP today, the preview mailbox, and
// Gmail / Microsoft Graph over OAuth later. A transport sends one message and answers with what the
// provider said, or throws; lib/mail/classify-send-error.ts decides what a thrown error means.
import type { Address } from '../../db/schema/outbox';

export type OutgoingAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId?: string | null;
};

export type OutgoingMail = {
  /** The RFC 5322 Message-ID, the same on every attempt. */
  messageId: string;
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo?: string | null;
  subject: string;
  text?: string | null;
  html?: string | null;
  headers: Record<string, string>;
  attachments: OutgoingAttachment[];
};

export type SendResult = {
  /** The provider's own id for the message (SMTP: the queue id in the 250 reply, when it gives one). */
  providerMessageId: string | null;
  /** The provider's answer, verbatim (SMTP: the reply to DATA). */
  response: string;
  accepted: string[];
  /** Recipients refused while others were accepted: the message is sent, these are named. */
  rejected: { address: string; response: string }[];
};

export type VerifyResult = { ok: boolean; message: string };

export interface Transport {
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Connects (and signs in) without sending anything; says what the server answered. */
  verify(): Promise<VerifyResult>;
  /** Closes pooled connections. */
  close(): void;
}

/**
 * A failure a transport has already classified (an HTTP API that says "quota" in its own words
 * can throw this). SMTP errors from nodemailer are classified from their reply codes instead.
 */
export class TransportError extends Error {
  constructor(
    message: string,
    public readonly kind: 'temporary' | 'permanent' | 'quota',
    public readonly responseCode?: number,
    public readonly response?: string,
    /** The provider's Retry-After, in seconds: the next attempt waits at least this long. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
