// What a failed send means for the message: try again later (temporary), give up now (permanent),
// stop sending from this account until tomorrow (daily quota), or — when the server could not even
// be reached — nothing about the message at all: the account waits a while (unreachable) and the
// message keeps its attempts. Works on nodemailer's SMTP errors
// (reply code, enhanced status, wording) and on TransportErrors that other transports classify.
import { TransportError } from './transports/transport';

/** `needs_reconnect`: the account's OAuth grant is gone (revoked, expired); a person must reconnect it. */
export type SendErrorKind = 'temporary' | 'permanent' | 'quota' | 'unreachable' | 'needs_reconnect';

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
  /** The SMTP command nodemailer was at ('CONN' while connecting). */
  command?: string;
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
  // A revoked grant says nothing about the message: it pauses the account and puts the message
  // back without counting an attempt, until a person reconnects the account (which ends the
  // pause). Matched by name: the error may come back from a sending thread.
  if (error instanceof Error && error.name === 'CredentialNeedsReconnectError') {
    return {
      kind: 'needs_reconnect',
      code: null,
      response: null,
      message: `${NEEDS_RECONNECT}: ${error.message}`,
    };
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
  const unreachable = UNREACHABLE.find((u) => u.matches(e, detail));
  if (unreachable)
    return { kind: 'unreachable', code: null, response: null, message: `${unreachable.says}: ${detail}` };
  switch (e.code) {
    case 'ETIMEDOUT':
      return temporary(`The server did not answer in time (${e.timeoutType ?? 'timeout'}): ${detail}`);
    case 'ECONNECTION':
    case 'ESOCKET':
      // Dropped after the connection was up: the message may have been handed over, so it counts.
      return temporary(`The connection to the server was lost: ${detail}`);
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

/** System error codes that mean no connection was made (nothing of the message left this process). */
const NO_CONNECTION = /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENOTFOUND|EAI_AGAIN)$/;

/**
 * Failures before any message was handed over (nodemailer fails these while connecting, greeting
 * or starting TLS): they say nothing about the message, only that the account's server is away.
 */
const UNREACHABLE: { says: string; matches: (e: ErrorLike, detail: string) => boolean }[] = [
  {
    says: 'Could not connect to the server (connection refused)',
    matches: (e, detail) =>
      (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ECONNREFUSED') &&
      (e.originalCode === 'ECONNREFUSED' || /ECONNREFUSED/.test(detail)),
  },
  {
    says: 'Could not connect to the server',
    matches: (e) =>
      (e.code === 'ECONNECTION' || e.code === 'ESOCKET') &&
      e.command === 'CONN' &&
      NO_CONNECTION.test(e.originalCode ?? ''),
  },
  {
    says: 'The server did not answer in time (connecting)',
    matches: (e) =>
      e.code === 'ETIMEDOUT' &&
      ['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'CONNECTION'].includes(e.timeoutType ?? ''),
  },
  { says: "The server's name could not be resolved", matches: (e) => e.code === 'EDNS' },
  { says: 'The secure (TLS) connection failed', matches: (e) => e.code === 'ETLS' },
];

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
