// An outgoing message in nodemailer's words, for the SMTP transport and the preview mailbox alike,
// so both produce the same MIME.
import { Readable } from 'node:stream';
import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingMail } from './transport';

export function toNodemailer(mail: OutgoingMail): Mail.Options {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    bcc: mail.bcc.length ? mail.bcc : undefined,
    replyTo: mail.replyTo ?? undefined,
    subject: mail.subject,
    text: mail.text ?? undefined,
    html: mail.html ?? undefined,
    headers: mail.headers,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      content: a.content.length > STREAM_FROM_BYTES ? slices(a.content) : a.content,
      contentType: a.contentType,
      cid: a.contentId ?? undefined,
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Larger files are handed over as a stream of slices (below). */
const STREAM_FROM_BYTES = 1024 * 1024;

/**
 * A Buffer as a stream of 64 KB views: nodemailer then base64-encodes and writes it piece by piece
 * with back-pressure, instead of building the whole encoded file (and its line-wrapped copy) in
 * memory for each message in flight. No bytes are copied to make the views.
 */
function slices(content: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < content.length; i += 65_536) yield content.subarray(i, i + 65_536);
    })(),
    { objectMode: false },
  );
}
