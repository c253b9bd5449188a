// What a failed SMS send means for the message, in the outbox's terms (lib/mail/classify-send-error:
// temporary, permanent, quota, unreachable). The provider's words are kept as they said them.
// - 429 and 5xx: temporary (backoff; a Retry-After is honoured).
// - Brevo 402 (no credits left): quota — the account pauses, its messages wait, uncounted.
// - Any other 4xx (invalid number, e.g. Twilio 21211; unsubscribed recipient 21610; bad sender;
//   refused credentials): permanent, with the provider's message.
// - No connection at all (refused, DNS, connect timeout): unreachable — the account pauses with
//   backoff and the attempt is given back, as for an SMTP server that cannot be reached.
// - Anything else on the network (reset, timeout after the request went): temporary.
import type { ClassifiedSendError } from '../mail/classify-send-error';
import { SmsProviderError } from './transports/sms-transport';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Twilio error codes that are about the number or the account, never worth a second try. */
const TWILIO_PERMANENT_NOTES: Record<number, string> = {
  21211: 'invalid phone number',
  21610: 'the recipient replied STOP to this sender',
  21614: 'not a mobile number',
};

export function classifySmsError(error: unknown): ClassifiedSendError {
  if (error instanceof SmsProviderError) {
    const status = error.status;
    const response = `${status ?? ''} ${error.providerCode ?? ''} ${error.message}`.trim();
    const base = { code: status, response };
    if (status === 429 || (status !== null && status >= 500)) {
      return {
        kind: 'temporary',
        ...base,
        message: error.message,
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      };
    }
    if (error.provider === 'brevo' && status === 402)
      return { kind: 'quota', ...base, message: error.message };
    const note =
      error.provider === 'twilio' && typeof error.providerCode === 'number'
        ? TWILIO_PERMANENT_NOTES[error.providerCode]
        : undefined;
    return { kind: 'permanent', ...base, message: note ? `${error.message}: ${note}` : error.message };
  }
  const code = networkCode(error);
  const words = error instanceof Error ? error.message : String(error);
  if (code && UNREACHABLE.has(code)) {
    return {
      kind: 'unreachable',
      code: null,
      response: null,
      message: `The SMS provider could not be reached (${code}): ${words}`,
    };
  }
  return {
    kind: 'temporary',
    code: null,
    response: null,
    message: code ? `The SMS provider's connection failed (${code}): ${words}` : words,
  };
}

function networkCode(error: unknown): string | null {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return null;
}
