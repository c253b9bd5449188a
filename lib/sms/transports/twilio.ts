// Twilio's Messages API through the official `twilio` library. The library only knows
// https://api.twilio.com; its documented seam for anything else is a custom httpClient, so requests
// go through one that sends them to TWILIO_API_URL instead (a local server in tests) — the
// library's own request building, auth, error parsing and response handling stay in the path.
// The same client reads Retry-After: the library's RestException keeps the status and body of an
// error answer but drops its headers, so the client notes the header for the call that made it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type RequestClientType from 'twilio/lib/base/RequestClient';
import { env } from '../../env';
import { readRetryAfter } from '../../net/read-retry-after';
import { type OutgoingSms, SmsProviderError, type SmsTransport } from './sms-transport';

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  /** A Messaging Service SID (MG…) sends from the service's numbers instead of `from`. */
  messagingServiceSid: string | null;
};

const TWILIO_ORIGIN = 'https://api.twilio.com';

/** Per call (sends may run side by side on one client): the Retry-After of its error answer. */
type CallNotes = { retryAfterSeconds?: number };
const callNotes = new AsyncLocalStorage<CallNotes>();

/**
 * The library is loaded on first use (a second or so of module loading that a worker with no
 * Twilio account, and every worker start, need not pay).
 */
async function library() {
  const [{ default: twilio }, { default: RequestClient }] = await Promise.all([
    import('twilio'),
    import('twilio/lib/base/RequestClient'),
  ]);
  /** The library's RequestClient, aimed at TWILIO_API_URL, noting an error answer's Retry-After. */
  class AimedRequestClient extends RequestClient {
    constructor(private readonly origin: string) {
      super({ timeout: 30_000 });
    }
    override async request<TData>(opts: RequestClientType.RequestOptions<TData>) {
      const uri = opts.uri.startsWith(TWILIO_ORIGIN)
        ? this.origin + opts.uri.slice(TWILIO_ORIGIN.length)
        : opts.uri;
      const response = await super.request({ ...opts, uri });
      const notes = callNotes.getStore();
      if (notes && response.statusCode >= 400) {
        const headers = response.headers as Record<string, unknown> | undefined;
        const value = headers?.['retry-after'];
        notes.retryAfterSeconds = readRetryAfter(typeof value === 'string' ? value : undefined);
      }
      return response;
    }
  }
  return { twilio, AimedRequestClient };
}

export async function createTwilioTransport(settings: TwilioSettings): Promise<SmsTransport> {
  const origin = env().TWILIO_API_URL.replace(/\/+$/, '');
  const { twilio, AimedRequestClient } = await library();
  const client = twilio(settings.accountSid, settings.authToken, {
    // Always ours, against api.twilio.com too: it is what reads Retry-After.
    httpClient: new AimedRequestClient(origin),
    // Retries are the outbox's (backoff, attempts, Retry-After), not the library's.
    autoRetry: false,
  });
  const sendOne = async (sms: OutgoingSms) => {
    const message = await client.messages.create({
      to: sms.to,
      body: sms.text,
      ...(settings.messagingServiceSid
        ? { messagingServiceSid: settings.messagingServiceSid }
        : { from: sms.from }),
      ...(sms.statusCallbackUrl ? { statusCallback: sms.statusCallbackUrl } : {}),
    });
    return {
      providerMessageId: message.sid,
      response: `Twilio accepted the message: ${message.sid} (${message.status}, ${message.numSegments} segment${message.numSegments === '1' ? '' : 's'})`,
      accepted: [sms.to],
      rejected: [],
    };
  };
  return {
    async send(sms: OutgoingSms) {
      const notes: CallNotes = {};
      try {
        return await callNotes.run(notes, () => sendOne(sms));
      } catch (error) {
        throw twilioError(error, notes.retryAfterSeconds);
      }
    },
    async verify() {
      try {
        const account = await client.api.v2010.accounts(settings.accountSid).fetch();
        return {
          ok: true,
          message: `Twilio account "${account.friendlyName}" (${account.status}) accepted the credentials.`,
        };
      } catch (error) {
        const e = twilioError(error);
        return { ok: false, message: e.message };
      }
    },
  };
}

type TwilioRestError = { status?: number; code?: number; message?: string; moreInfo?: string };

/** A RestException (the API answered) keeps Twilio's code and words; anything else is the network's. */
function twilioError(error: unknown, retryAfterSeconds?: number): Error {
  const e = error as TwilioRestError & { name?: string };
  if (typeof e?.status === 'number') {
    const words = e.message || `HTTP ${e.status}`;
    return new SmsProviderError(
      `Twilio refused the message: ${words}${e.code ? ` (error ${e.code})` : ''}`,
      'twilio',
      e.status,
      e.code ?? null,
      retryAfterSeconds,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
