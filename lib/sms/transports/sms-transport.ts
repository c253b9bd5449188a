// What every SMS provider looks like to the outbox's SMS channel: Twilio, Brevo and the preview
// mailbox. A transport sends one SMS and answers with what the provider said (the mail transports'
// SendResult, so settling is the same for both channels), or throws; lib/sms/classify-sms-error.ts
// decides what a thrown error means.
import type { SendResult, VerifyResult } from '../../mail/transports/transport';

export type OutgoingSms = {
  /** The outbox message's id (the preview keeps it; providers get it back in no field). */
  id: string;
  /** The sender: a phone number in E.164, or an alphanumeric name (at most 11 characters). */
  from: string;
  /** E.164. */
  to: string;
  text: string;
  /** Where the provider reports delivery, or null when it cannot reach the app. */
  statusCallbackUrl: string | null;
};

export interface SmsTransport {
  send(sms: OutgoingSms): Promise<SendResult>;
  /** Checks the credentials without sending anything; says what the provider answered. */
  verify(): Promise<VerifyResult>;
}

/** A provider's error answer, as it gave it: HTTP status, its own code and its words. */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    public readonly provider: 'twilio' | 'brevo',
    public readonly status: number | null,
    public readonly providerCode: string | number | null,
    /** Seconds, from a Retry-After header. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}
