// Turns a message into its RFC 5322 bytes with nodemailer's own composer, so the preview mailbox
// keeps exactly what an SMTP server would have received.
import crypto from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

export async function buildMime(mail: Mail.Options): Promise<Buffer> {
  return new MailComposer(mail).compile().build();
}

/** A Message-ID in our own domain, made once per message and kept across every attempt. */
export function newMessageId(fromAddress: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(fromAddress)?.[1] ?? 'mailroom.local';
  return `<${crypto.randomUUID()}@${domain}>`;
}
