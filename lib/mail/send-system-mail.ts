// Mail Mailroom sends on its own behalf (sign-in links, invitations), from MAIL_FROM. It belongs to
// no organisation (a person signing in may have none yet), so it does not go through an org's
// outbox: without SMTP_URL it lands in the preview mailbox (/mailbox); with it, it goes out over
// SMTP through the same transport code as the outbox.
import addressparser from 'nodemailer/lib/addressparser';
import type { DbOrTx } from '../db/client';
import type { Address } from '../db/schema/outbox';
import { env } from '../env';
import { log } from '../log';
import { newMessageId } from './build-mime';
import { capturePreviewMessage } from './transports/preview';
import { createSmtpTransport } from './transports/smtp';
import type { Transport } from './transports/transport';

export type SystemMail = { to: string; subject: string; text: string; html: string };

let smtp: { url: string; transport: Transport } | undefined;

export async function sendSystemMail(db: DbOrTx, mail: SystemMail): Promise<void> {
  const { MAIL_FROM, SMTP_URL } = env();
  const message = { ...mail, from: MAIL_FROM, messageId: newMessageId(MAIL_FROM) };
  if (!SMTP_URL) {
    const stored = await capturePreviewMessage(db, null, message);
    log.info(
      { previewMessageId: stored.id, subject: mail.subject },
      'system mail captured in the preview mailbox',
    );
    return;
  }
  if (smtp?.url !== SMTP_URL) {
    smtp?.transport.close();
    smtp = { url: SMTP_URL, transport: createSmtpTransport(SMTP_URL) };
  }
  const result = await smtp.transport.send({
    messageId: message.messageId,
    from: parseFrom(MAIL_FROM),
    to: [{ address: mail.to }],
    cc: [],
    bcc: [],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: {},
    attachments: [],
  });
  log.info(
    { messageId: message.messageId, response: result.response, subject: mail.subject },
    'system mail sent',
  );
}

function parseFrom(value: string): Address {
  const [first] = addressparser(value, { flatten: true });
  return first?.address ? { address: first.address, name: first.name || undefined } : { address: value };
}
