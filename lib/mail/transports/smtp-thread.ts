// A sending thread (worker_threads): builds the MIME and speaks SMTP for the messages the main
// thread hands it, over pooled connections of its own, so a worker process uses more than one CPU
// core for the expensive part of sending. Errors travel back as plain fields for
// classifySendError; nothing here touches the database.
import { parentPort } from 'node:worker_threads';
import { createSmtpTransport, type SmtpSettings } from './smtp';
import type { OutgoingMail, Transport } from './transport';

export type ThreadRequest =
  | { type: 'send'; id: number; key: string; settings: SmtpSettings; mail: OutgoingMail }
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

const transports = new Map<string, Transport>();

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

parentPort?.on('message', async (request: ThreadRequest) => {
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
    transport = createSmtpTransport(request.settings);
    transports.set(request.key, transport);
  }
  try {
    const mail = request.mail;
    // Buffers arrive as Uint8Arrays: nodemailer wants Buffers.
    for (const a of mail.attachments)
      a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
    parentPort!.postMessage({ id: request.id, result: await transport.send(mail) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: plain(error) });
  }
});
