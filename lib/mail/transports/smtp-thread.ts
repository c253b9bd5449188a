// A sending thread (worker_threads): builds the MIME and speaks SMTP for the messages the main
// thread hands it, over pooled connections of its own, so a worker process uses more than one CPU
// core for the expensive part of sending. Errors travel back as plain fields for
// classifySendError; nothing here touches the database.
import { parentPort } from 'node:worker_threads';
import type { AccountAuth } from '../../credentials/resolve-account-auth';
import { createSmtpTransport, type SmtpSettings, type SmtpTransport } from './smtp';
import type { OutgoingMail, SendResult } from './transport';

/**
 * `key`: the account's transport settings version (a new one replaces the pool); `auth`: the
 * sign-in as the main thread read it for this use, applied to the connections opened from now on.
 */
export type ThreadRequest =
  | {
      type: 'send';
      id: number;
      key: string;
      settings: SmtpSettings;
      auth: AccountAuth | null;
      mail: OutgoingMail;
    }
  | { type: 'close' };

export type ThreadError = {
  message: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  timeoutType?: string;
  rejectedErrors?: { message?: string; responseCode?: number; response?: string }[];
};

// Node's stream.pipeline, which nodemailer runs for every message's MIME, ends by aborting an
// AbortController whose DOMException captures a stack trace: ~4 % of this thread's CPU. Nothing
// here reads a stack (errors go back as the plain fields below, and the main thread names the
// thread's own failures by their message), so none is captured.
Error.stackTraceLimit = 0;

const transports = new Map<string, SmtpTransport>();

function plain(error: unknown): ThreadError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ThreadError;
  return {
    message: e.message ?? String(error),
    code: e.code,
    originalCode: e.originalCode,
    responseCode: e.responseCode,
    response: e.response,
    timeoutType: e.timeoutType,
    rejectedErrors: e.rejectedErrors?.map((r) => ({
      message: r.message,
      responseCode: r.responseCode,
      response: r.response,
    })),
  };
}

export type ThreadReply = { id: number; result?: SendResult; error?: ThreadError };

/**
 * Answers finished in the same turn of the event loop go back in one message: each message wakes
 * the main thread, and with ten connections answers come in bursts.
 */
const replies: ThreadReply[] = [];
function reply(answer: ThreadReply): void {
  replies.push(answer);
  if (replies.length === 1) setImmediate(() => parentPort!.postMessage(replies.splice(0)));
}

// The main thread sends its requests in batches too (smtp-threads.ts).
parentPort?.on('message', (requests: ThreadRequest | ThreadRequest[]) => {
  for (const request of Array.isArray(requests) ? requests : [requests]) void handle(request);
});

async function handle(request: ThreadRequest): Promise<void> {
  if (request.type === 'close') {
    for (const t of transports.values()) t.close();
    transports.clear();
    return;
  }
  let transport = transports.get(request.key);
  if (!transport) {
    // A new version of the account (edited): drop the connections of the old one.
    const account = request.key.split(':')[0];
    for (const [key, t] of transports) {
      if (key.startsWith(`${account}:`)) {
        t.close();
        transports.delete(key);
      }
    }
    transport = createSmtpTransport(request.settings, request.auth);
    transports.set(request.key, transport);
  }
  transport.setAuth(request.auth);
  try {
    const mail = request.mail;
    // Buffers arrive as Uint8Arrays: nodemailer wants Buffers.
    for (const a of mail.attachments)
      a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
    reply({ id: request.id, result: await transport.send(mail) });
  } catch (error) {
    reply({ id: request.id, error: plain(error) });
  }
}
