// What a failed send means for the message: try again later (temporary), give up now (permanent),
// or stop sending from this account until tomorrow (daily quota). Works on nodemailer's SMTP errors
// (reply code, enhanced status, wording) and on TransportErrors that other transports classify.
import { TransportError } from './transports/transport';

export type SendErrorKind = 'temporary' | 'permanent' | 'quota';

export type ClassifiedSendError = {
  kind: SendErrorKind;
  /** The SMTP reply code (421, 550, …) when the server gave one. */
  code: number | null;
  /** The server's answer, verbatim. */
  response: string | null;
  /** What happened, in plain words, with the server's answer when there is one. */
  message: string;
  /** The provider asked to wait this long (HTTP Retry-After) before the next attempt. */
  retryAfterSeconds?: number;
};

/** The credential's grant was revoked or expired (lib/credentials: CredentialNeedsReconnectError). */
export const NEEDS_RECONNECT = 'Needs reconnect';

type ErrorLike = {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  timeoutType?: string;
  rejectedErrors?: ErrorLike[];
};

const DAILY_QUOTA =
  /quota exceeded|exceeded (the |your )?(daily |sending )*quota|SubmissionQuotaExceeded|daily (user )?(sending |smtp relay |message )?(quota|limit)|(limit|quota)[^.]{0,40}(per day|daily|24 ?h)/i;
const RATE_LIMIT = /rate.?limit|throttl|too many (messages|connections|requests)|try again later/i;

export function enhancedStatus(response: string | null | undefined): string | null {
  return response ? (/\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1] ?? null) : null;
}

export function isDailyQuotaAnswer(response: string | null | undefined): boolean {
  if (!response) return false;
  return enhancedStatus(response) === '5.4.5' || DAILY_QUOTA.test(response);
}

export function classifySendError(error: unknown): ClassifiedSendError {
  if (error instanceof TransportError) {
    return {
      kind: error.kind,
      code: error.responseCode ?? null,
      response: error.response ?? null,
      message: error.message,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  // A revoked grant says nothing about the message: like a daily quota, it pauses the account and
  // puts the message back without counting an attempt, until a person reconnects the account
  // (which ends the pause). Matched by name: the error may come back from a sending thread.
  if (error instanceof Error && error.name === 'CredentialNeedsReconnectError') {
    return { kind: 'quota', code: null, response: null, message: `${NEEDS_RECONNECT}: ${error.message}` };
  }
  const e: ErrorLike =
    typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };

  // Every recipient refused: the most hopeful answer decides (one deferral means "try again").
  if (e.code === 'EENVELOPE' && e.rejectedErrors?.length) {
    const answers = e.rejectedErrors.map((r) => classifyReply(r.responseCode, r.response ?? r.message ?? ''));
    const kind: SendErrorKind = answers.some((a) => a.kind === 'quota')
      ? 'quota'
      : answers.some((a) => a.kind === 'temporary')
        ? 'temporary'
        : 'permanent';
    const chosen = answers.find((a) => a.kind === kind) ?? answers[0]!;
    return {
      kind,
      code: chosen.code,
      response: chosen.response,
      message:
        kind === 'permanent'
          ? `The server refused ${answers.length === 1 ? 'the recipient' : 'every recipient'}: ${chosen.response}`
          : chosen.message,
    };
  }

  const response = typeof e.response === 'string' && e.response.trim() ? e.response.trim() : null;
  const code = typeof e.responseCode === 'number' ? e.responseCode : codeOf(response);
  if (code && response) {
    const reply = classifyReply(code, response);
    if (e.code === 'EAUTH') {
      return { ...reply, message: `The server refused the sign-in: ${response}` };
    }
    return reply;
  }

  const detail = (e.message ?? 'unknown error').replace(/\s+/g, ' ').trim();
  switch (e.code) {
    case 'ETIMEDOUT':
      return temporary(`The server did not answer in time (${e.timeoutType ?? 'timeout'}): ${detail}`);
    case 'ECONNECTION':
    case 'ESOCKET':
      if (e.originalCode === 'ECONNREFUSED' || /ECONNREFUSED/.test(detail))
        return temporary(`Could not connect to the server (connection refused): ${detail}`);
      return temporary(`The connection to the server was lost: ${detail}`);
    case 'EDNS':
      return temporary(`The server's name could not be resolved: ${detail}`);
    case 'ETLS':
      return temporary(`The secure (TLS) connection failed: ${detail}`);
    case 'EAUTH':
      return temporary(`Sign-in failed: ${detail}`);
    case 'ENOAUTH':
      return permanent(`The server requires a username and password, and the account has none: ${detail}`);
    case 'EENVELOPE':
      return permanent(`The message has no valid sender or recipient: ${detail}`);
    default:
      // Unknown trouble is retried: a bounded number of attempts costs less than losing a message.
      return temporary(`Sending failed: ${detail}`);
  }
}

function classifyReply(code: number | undefined | null, response: string): ClassifiedSendError {
  const c = code ?? codeOf(response) ?? 0;
  if (c >= 400 && isDailyQuotaAnswer(response)) {
    return {
      kind: 'quota',
      code: c,
      response,
      message: `The account's daily sending quota is reached: ${response}`,
    };
  }
  if (c >= 400 && c < 500) {
    return {
      kind: 'temporary',
      code: c,
      response,
      message: `The server asked to try again later: ${response}`,
    };
  }
  if (c === 503) {
    return {
      kind: 'temporary',
      code: c,
      response,
      message: `The server was not ready for the command (503), will retry on a new connection: ${response}`,
    };
  }
  if (c >= 500 && RATE_LIMIT.test(response)) {
    return { kind: 'temporary', code: c, response, message: `The server is rate limiting: ${response}` };
  }
  if (c >= 500) {
    return { kind: 'permanent', code: c, response, message: `The server refused the message: ${response}` };
  }
  return {
    kind: 'temporary',
    code: c || null,
    response,
    message: `Unexpected answer from the server: ${response}`,
  };
}

function codeOf(response: string | null | undefined): number | null {
  const m = response ? /^\s*(\d{3})\b/.exec(response) : null;
  return m ? Number(m[1]) : null;
}

function temporary(message: string): ClassifiedSendError {
  return { kind: 'temporary', code: null, response: null, message };
}

function permanent(message: string): ClassifiedSendError {
  return { kind: 'permanent', code: null, response: null, message };
}
