// Sending through the Gmail API (users.messages.send) with the very MIME the SMTP path sends
// (same composer, same Message-ID, headers and attachments). Small messages go as JSON `raw`;
// larger ones through the upload endpoint (uploadType=media), which the JSON body's size limit
// requires. The API root is passed per call: a service-level rootUrl is not applied to the
// media-upload URL. An access token the API refuses (401) is renewed and the send tried once more,
// within the same attempt; what Google answers otherwise is classified here (TransportError).
import { gmail_v1 } from '@googleapis/gmail';
import type { AuthSource } from '../../credentials/account-auth-source';
import type { AccountAuth } from '../../credentials/resolve-account-auth';
import { env } from '../../env';
import { readRetryAfter } from '../../net/read-retry-after';
import { buildMime } from '../build-mime';
import { isDailyQuotaAnswer } from '../classify-send-error';
import { toNodemailer } from './nodemailer-options';
import { renewOnRefusal } from './renew-on-refusal';
import {
  type OutgoingMail,
  type SendResult,
  type Transport,
  TransportError,
  type VerifyResult,
} from './transport';

/** Above this many bytes of MIME the message goes through the upload endpoint. */
export const GMAIL_UPLOAD_THRESHOLD = 2 * 1024 * 1024;

const api = new gmail_v1.Gmail({});

type GmailErrorLike = {
  status?: number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
};

export function createGmailTransport(auth: AuthSource, renew: () => Promise<AccountAuth | null>): Transport {
  const rootUrl = env().GMAIL_API_URL;
  const options = (accessToken: string) => ({
    rootUrl,
    retry: false,
    headers: { authorization: `Bearer ${accessToken}` },
  });
  // Small JSON sends go through Node's own fetch instead of gaxios's default node-fetch, which
  // pipes every request and response body through stream.pipeline, whose clean-up aborts an
  // AbortController and so builds a DOMException (with its stack) per body: the largest single
  // CPU cost per message in `npm run bench gmail`. Uploads (streamed bodies) keep the default.
  const jsonOptions = (accessToken: string) => ({ ...options(accessToken), fetchImplementation: fetch });

  const withRenewal = renewOnRefusal({
    provider: 'Gmail',
    auth,
    renew,
    refused: (error) => statusOf(error) === 401,
    classify: classifyGmailError,
  });

  return {
    async send(mail: OutgoingMail): Promise<SendResult> {
      const raw = await buildMime(toNodemailer(mail));
      const res = await withRenewal((accessToken) =>
        raw.length > GMAIL_UPLOAD_THRESHOLD
          ? api.users.messages.send(
              { userId: 'me', media: { mimeType: 'message/rfc822', body: raw } },
              options(accessToken),
            )
          : api.users.messages.send(
              { userId: 'me', requestBody: { raw: raw.toString('base64url') } },
              jsonOptions(accessToken),
            ),
      );
      const id = res.data.id ?? null;
      return {
        providerMessageId: id,
        response: `Gmail accepted the message${id ? ` (id ${id})` : ''}`,
        accepted: [...mail.to, ...mail.cc, ...mail.bcc].map((a) => a.address),
        rejected: [],
      };
    },
    async verify(): Promise<VerifyResult> {
      try {
        const res = await withRenewal((accessToken) =>
          api.users.getProfile({ userId: 'me' }, options(accessToken)),
        );
        return { ok: true, message: `Signed in to Gmail as ${res.data.emailAddress ?? 'the account'}` };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {},
  };
}

function statusOf(error: unknown): number | undefined {
  const e = error as GmailErrorLike;
  return e?.response?.status ?? e?.status;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as GmailErrorLike)?.response?.headers;
  // gaxios gives a Headers (possibly of another realm than ours), older versions a plain object.
  const value =
    headers && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get('retry-after')
      : ((headers as Record<string, string> | undefined)?.['retry-after'] ?? undefined);
  return readRetryAfter(value);
}

/** Google's own words and reason code from an error body `{ error: { message, errors: [{ reason }] } }`. */
function googleWords(error: unknown): { message: string; reason: string | null } {
  const data = (error as GmailErrorLike)?.response?.data as
    | { error?: { message?: string; errors?: { reason?: string }[] } }
    | undefined;
  return {
    message: data?.error?.message ?? (error instanceof Error ? error.message : String(error)),
    reason: data?.error?.errors?.[0]?.reason ?? null,
  };
}

export function classifyGmailError(error: unknown): Error {
  if (error instanceof TransportError) return error;
  const status = statusOf(error);
  // No HTTP answer (refused, timed out, DNS): the generic classifier calls that temporary.
  if (!status) return error instanceof Error ? error : new Error(String(error));
  const { message, reason } = googleWords(error);
  const answer = `${status}${reason ? ` ${reason}` : ''}: ${message}`;
  if (reason === 'dailyLimitExceeded' || isDailyQuotaAnswer(message)) {
    return new TransportError(`Gmail's daily sending limit is reached: ${answer}`, 'quota', status, answer);
  }
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
    return new TransportError(
      `Gmail is rate limiting: ${answer}`,
      'temporary',
      status,
      answer,
      retryAfterOf(error),
    );
  }
  if (status === 401)
    return new TransportError(`Gmail refused the access token: ${answer}`, 'temporary', status, answer);
  if (status >= 500)
    return new TransportError(`Gmail failed: ${answer}`, 'temporary', status, answer, retryAfterOf(error));
  // 400 (an invalid recipient or header), 403 (not allowed to send as this address), …: final.
  return new TransportError(`Gmail refused the message: ${answer}`, 'permanent', status, answer);
}
