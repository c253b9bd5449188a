// Sending a Microsoft 365 account's mail through Microsoft Graph. A message that fits Graph's
// 4 MB request limit once base64-encoded goes to POST /me/sendMail as the very MIME the SMTP path
// sends (same composer, Message-ID, headers, attachments), base64 in a text/plain body. A larger
// one (a 10 MB attachment) takes the documented large-message path: a draft with the same
// subject, body, recipients, Message-ID and x- headers, attachments under 3 MB posted to it, larger
// ones through an upload session in ranges of at most 4 MB, then /send. Plain fetch rather than
// @microsoft/microsoft-graph-client: five endpoints, and their error bodies are classified here.
// An access token Graph refuses (401) is renewed and the send tried once more within the attempt,
// as the Gmail transport does.
import type { AuthSource } from '../../credentials/account-auth-source';
import type { AccountAuth } from '../../credentials/resolve-account-auth';
import { env } from '../../env';
import { readRetryAfter } from '../../net/read-retry-after';
import { buildMime } from '../build-mime';
import { isDailyQuotaAnswer } from '../classify-send-error';
import { toNodemailer } from './nodemailer-options';
import { renewOnRefusal } from './renew-on-refusal';
import {
  type OutgoingAttachment,
  type OutgoingMail,
  type SendResult,
  type Transport,
  TransportError,
  type VerifyResult,
} from './transport';

/** Graph refuses a request body above 4 MB; sendMail's body is the MIME in base64 (4/3 larger). */
export const GRAPH_REQUEST_LIMIT = 4 * 1024 * 1024;
/** Attachments at least this large go through an upload session (Graph: "between 3 MB and 150 MB"). */
export const GRAPH_UPLOAD_SESSION_FROM = 3 * 1024 * 1024;
/** Bytes per upload-session PUT (Graph takes up to 4 MB a request; multiples of 320 KiB). */
export const GRAPH_UPLOAD_CHUNK = 12 * 320 * 1024;

const TIMEOUT_MS = 60_000;

/** The size of `bytes` once base64-encoded. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** A Graph answer that was not a success, with Microsoft's error code and words. */
class GraphAnswerError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string | null,
    public readonly words: string,
    public readonly retryAfter: number | undefined,
  ) {
    super(`${status}${code ? ` ${code}` : ''}: ${words}`);
  }
}

type Call = { method: string; path: string; token: string; body?: string; contentType?: string };

async function graphFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    // fetch says "fetch failed" and puts the system error in `cause`: the classifier reads a
    // refused connection as "the account's server is away" (an unreachable pause) from the code.
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    throw Object.assign(new Error(`Microsoft Graph could not be reached${code ? ` (${code})` : ''}`), {
      ...(code ? { code } : {}),
    });
  }
}

async function answerOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (res.ok) return text ? JSON.parse(text) : null;
  let code: string | null = null;
  let words = text.slice(0, 500) || res.statusText;
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    code = e?.code ?? null;
    words = e?.message ?? words;
  } catch {}
  throw new GraphAnswerError(res.status, code, words, readRetryAfter(res.headers.get('retry-after')));
}

async function call(root: string, c: Call): Promise<unknown> {
  const res = await graphFetch(`${root}${c.path}`, {
    method: c.method,
    headers: {
      authorization: `Bearer ${c.token}`,
      accept: 'application/json',
      ...(c.body !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}),
    },
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
  return answerOf(res);
}

export function createGraphTransport(auth: AuthSource, renew: () => Promise<AccountAuth | null>): Transport {
  const root = env().MICROSOFT_GRAPH_URL.replace(/\/+$/, '');
  const withRenewal = renewOnRefusal({
    provider: 'Microsoft',
    auth,
    renew,
    refused: (error) => error instanceof GraphAnswerError && error.status === 401,
    classify: classifyGraphError,
  });

  return {
    async send(mail: OutgoingMail): Promise<SendResult> {
      const raw = await buildMime(toNodemailer(mail));
      const accepted = [...mail.to, ...mail.cc, ...mail.bcc].map((a) => a.address);
      if (base64Length(raw.length) <= GRAPH_REQUEST_LIMIT) {
        await withRenewal((t) =>
          call(root, {
            method: 'POST',
            path: '/me/sendMail',
            token: t,
            body: raw.toString('base64'),
            contentType: 'text/plain',
          }),
        );
        // sendMail answers 202 with no body: Graph gives no id for the message.
        return {
          providerMessageId: null,
          response: 'Microsoft Graph accepted the message (202)',
          accepted,
          rejected: [],
        };
      }
      const id = await withRenewal((t) => sendThroughDraft(root, t, mail));
      return {
        providerMessageId: id,
        response: `Microsoft Graph accepted the message (draft ${id} sent)`,
        accepted,
        rejected: [],
      };
    },
    async verify(): Promise<VerifyResult> {
      try {
        const me = (await withRenewal((t) => call(root, { method: 'GET', path: '/me', token: t }))) as {
          mail?: string | null;
          userPrincipalName?: string;
        };
        return {
          ok: true,
          message: `Signed in to Microsoft Graph as ${me?.mail ?? me?.userPrincipalName ?? 'the account'}`,
        };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {},
  };
}

const recipients = (list: { name?: string | null; address: string }[]) =>
  list.map((a) => ({ emailAddress: { address: a.address, ...(a.name ? { name: a.name } : {}) } }));

/**
 * The large-message path; returns the draft's id. A retry after a failure part-way creates a new
 * draft (the old one stays in Drafts, unsent): the message is never sent twice by this path.
 */
async function sendThroughDraft(root: string, token: string, mail: OutgoingMail): Promise<string> {
  // Graph takes only x- headers in internetMessageHeaders; the others are its own fields.
  const xHeaders = Object.entries(mail.headers)
    .filter(([name]) => /^x-/i.test(name))
    .map(([name, value]) => ({ name, value }));
  const draft = (await call(root, {
    method: 'POST',
    path: '/me/messages',
    token,
    body: JSON.stringify({
      subject: mail.subject,
      body: mail.html
        ? { contentType: 'HTML', content: mail.html }
        : { contentType: 'Text', content: mail.text ?? '' },
      toRecipients: recipients(mail.to),
      ccRecipients: recipients(mail.cc),
      bccRecipients: recipients(mail.bcc),
      ...(mail.replyTo ? { replyTo: [{ emailAddress: { address: mail.replyTo } }] } : {}),
      internetMessageId: mail.messageId.startsWith('<') ? mail.messageId : `<${mail.messageId}>`,
      ...(xHeaders.length ? { internetMessageHeaders: xHeaders } : {}),
    }),
  })) as { id?: string };
  if (!draft?.id) throw new TransportError('Microsoft Graph created no draft id', 'temporary');
  const path = `/me/messages/${encodeURIComponent(draft.id)}`;
  for (const a of mail.attachments) await attach(root, token, path, a);
  await call(root, { method: 'POST', path: `${path}/send`, token });
  return draft.id;
}

async function attach(root: string, token: string, draftPath: string, a: OutgoingAttachment) {
  // Posted whole only while its base64 and the JSON around it stay under the request limit.
  const fitsOneRequest = base64Length(a.content.length) + 64 * 1024 <= GRAPH_REQUEST_LIMIT;
  if (a.content.length < GRAPH_UPLOAD_SESSION_FROM && fitsOneRequest) {
    await call(root, {
      method: 'POST',
      path: `${draftPath}/attachments`,
      token,
      body: JSON.stringify({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: a.filename,
        contentType: a.contentType,
        contentBytes: a.content.toString('base64'),
        ...(a.contentId ? { contentId: a.contentId, isInline: true } : {}),
      }),
    });
    return;
  }
  const session = (await call(root, {
    method: 'POST',
    path: `${draftPath}/attachments/createUploadSession`,
    token,
    body: JSON.stringify({
      AttachmentItem: {
        attachmentType: 'file',
        name: a.filename,
        size: a.content.length,
        contentType: a.contentType,
        ...(a.contentId ? { contentId: a.contentId, isInline: true } : {}),
      },
    }),
  })) as { uploadUrl?: string };
  if (!session?.uploadUrl) throw new TransportError('Microsoft Graph gave no upload URL', 'temporary');
  const total = a.content.length;
  for (let start = 0; start < total; start += GRAPH_UPLOAD_CHUNK) {
    const chunk = a.content.subarray(start, Math.min(total, start + GRAPH_UPLOAD_CHUNK));
    // The upload URL carries its own authorization: Graph refuses a bearer token beside it.
    const res = await graphFetch(session.uploadUrl, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${start + chunk.length - 1}/${total}`,
      },
      // A copy into a plain ArrayBuffer: what fetch's BodyInit type takes.
      body: Uint8Array.from(chunk),
    });
    await answerOf(res);
  }
}

/** Graph's answers, classified like SMTP's and Gmail's (TransportError kinds). */
export function classifyGraphError(error: unknown): Error {
  if (!(error instanceof GraphAnswerError)) return error instanceof Error ? error : new Error(String(error));
  const { status, code, words, retryAfter } = error;
  const answer = error.message;
  if (code === 'ErrorQuotaExceeded' || code === 'ErrorSubmissionQuotaExceeded' || isDailyQuotaAnswer(words))
    return new TransportError(
      `Microsoft's sending limit is reached: ${answer}`,
      'quota',
      status,
      answer,
      retryAfter,
    );
  // 429 (ApplicationThrottled, MailboxConcurrency …): wait as long as Graph says.
  if (status === 429)
    return new TransportError(
      `Microsoft Graph is throttling: ${answer}`,
      'temporary',
      status,
      answer,
      retryAfter,
    );
  if (status === 401)
    return new TransportError(
      `Microsoft Graph refused the access token: ${answer}`,
      'temporary',
      status,
      answer,
    );
  if (status >= 500 || status === 408)
    return new TransportError(`Microsoft Graph failed: ${answer}`, 'temporary', status, answer, retryAfter);
  // 400 ErrorInvalidRecipients, 403 ErrorSendAsDenied, 413 too large …: the provider's words, final.
  return new TransportError(`Microsoft refused the message: ${answer}`, 'permanent', status, answer);
}
