// Twilio's Messages API through the official `twilio` library. The library only knows
// https://api.twilio.com; its documented seam for anything else is a custom httpClient, so requests
// go through one that sends them to TWILIO_API_URL instead (a local server in tests) — the
// library's own request building, auth, error parsing and response handling stay in the path.
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { env } from '../../env';
import { type OutgoingSms, SmsProviderError, type SmsTransport } from './sms-transport';

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  /** A Messaging Service SID (MG…) sends from the service's numbers instead of `from`. */
  messagingServiceSid: string | null;
};

const TWILIO_ORIGIN = 'https://api.twilio.com';

/** The library's RequestClient, aimed at TWILIO_API_URL. */
class AimedRequestClient extends RequestClient {
  constructor(private readonly origin: string) {
    super({ timeout: 30_000 });
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_ORIGIN)
      ? this.origin + opts.uri.slice(TWILIO_ORIGIN.length)
      : opts.uri;
    return super.request({ ...opts, uri });
  }
}

export function createTwilioTransport(settings: TwilioSettings): SmsTransport {
  const origin = env().TWILIO_API_URL.replace(/\/+$/, '');
  const client = twilio(settings.accountSid, settings.authToken, {
    httpClient: origin === TWILIO_ORIGIN ? undefined : new AimedRequestClient(origin),
    // Retries are the outbox's (backoff, attempts, Retry-After), not the library's.
    autoRetry: false,
  });
  return {
    async send(sms: OutgoingSms) {
      try {
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
      } catch (error) {
        throw twilioError(error);
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
function twilioError(error: unknown): Error {
  const e = error as TwilioRestError & { name?: string };
  if (typeof e?.status === 'number') {
    const words = e.message || `HTTP ${e.status}`;
    return new SmsProviderError(
      `Twilio refused the message: ${words}${e.code ? ` (error ${e.code})` : ''}`,
      'twilio',
      e.status,
      e.code ?? null,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
