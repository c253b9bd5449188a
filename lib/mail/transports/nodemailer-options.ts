// An outgoing message in nodemailer's words, for the SMTP transport and the preview mailbox alike,
// so both produce the same MIME.
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
      content: a.content,
      contentType: a.contentType,
      cid: a.contentId ?? undefined,
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
