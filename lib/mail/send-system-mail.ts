// Mail Mailroom sends on its own behalf (sign-in links, invitations), from MAIL_FROM. Without
// SMTP_URL it lands in the preview mailbox (/mailbox); with it, it goes out over SMTP.
import nodemailer, { type Transporter } from 'nodemailer';
import type { DbOrTx } from '../db/client';
import { env } from '../env';
import { log } from '../log';
import { newMessageId } from './build-mime';
import { capturePreviewMessage } from './transports/preview';

export type SystemMail = { to: string; subject: string; text: string; html: string };

let smtp: Transporter | undefined;

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
  smtp ??= nodemailer.createTransport(SMTP_URL);
  const info = await smtp.sendMail(message);
  log.info({ messageId: info.messageId, subject: mail.subject }, 'system mail sent');
}
