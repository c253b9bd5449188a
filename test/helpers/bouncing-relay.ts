// A local SMTP relay that accepts every message (250) and then, like a real MTA whose next hop
// refused a recipient, sends a bounce back to the sender: it appends the bounce to the sender's
// Dovecot mailbox. The bounce is written in the format asked for per recipient — an RFC 3464
// report as Postfix writes it, or the free-text formats of qmail and Exim — and returns the
// original message's headers (Postfix, Exim) or the whole message (qmail), as those MTAs do. An
// RFC 3464 rule with a success action is the report Postfix sends for NOTIFY=SUCCESS instead.
import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { Dovecot } from './dovecot';

export type BounceRule = {
  format: 'rfc3464' | 'qmail' | 'exim';
  /** Enhanced status (5.1.1 hard, 4.2.2 soft, 2.0.0 with a success action…). */
  status: string;
  diagnostic: string;
  /** RFC 3464 only: a successful delivery report ("Successful Mail Delivery Report") with this action. */
  success?: 'delivered' | 'relayed' | 'expanded';
};

export type BouncingRelay = {
  host: string;
  port: number;
  /** Recipient (lowercased) → how its delivery fails after acceptance. */
  rules: Map<string, BounceRule>;
  /** Resolves once every accepted message's bounces are in the mailbox. */
  settled: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startBouncingRelay(
  dovecot: Dovecot,
  mailbox: { email: string; password: string },
): Promise<BouncingRelay> {
  const rules = new Map<string, BounceRule>();
  const pending = new Set<Promise<unknown>>();
  const server: SMTPServer = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      // Read before answering: the server resets the envelope once DATA is answered.
      const rcptTo = session.envelope.rcptTo.map((r) => r.address);
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        callback(null, `2.0.0 Ok: queued as ${crypto.randomBytes(5).toString('hex')}`);
        const raw = Buffer.concat(chunks).toString('utf8');
        const bounces = rcptTo.flatMap((address) => {
          const rule = rules.get(address.toLowerCase());
          return rule ? [buildBounce(rule, address, raw)] : [];
        });
        if (bounces.length === 0) return;
        const p = dovecot.append(
          mailbox.email,
          mailbox.password,
          'INBOX',
          bounces.map((b) => ({ raw: b })),
        );
        pending.add(p);
        p.finally(() => pending.delete(p));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    host: '127.0.0.1',
    port,
    rules,
    settled: async () => {
      await Promise.all([...pending]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function headerBlock(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return end >= 0 ? raw.slice(0, end) : raw;
}

function fromOf(raw: string): string {
  return /^From:.*?<?([^\s<>]+@[^\s<>]+)>?\s*$/im.exec(headerBlock(raw))?.[1] ?? 'sender@example.test';
}

export function buildBounce(rule: BounceRule, recipient: string, original: string): string {
  const date = new Date().toUTCString();
  const sender = fromOf(original);
  const id = `<${crypto.randomUUID()}@relay.example.test>`;
  const hard = rule.status.startsWith('5');
  if (rule.format === 'qmail') {
    return [
      'Return-Path: <>',
      `Date: ${date}`,
      'From: MAILER-DAEMON@relay.example.test',
      `To: ${sender}`,
      'Subject: failure notice',
      `Message-ID: ${id}`,
      '',
      'Hi. This is the qmail-send program at relay.example.test.',
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      '',
      `<${recipient}>:`,
      `192.0.2.10 does not like recipient.`,
      `Remote host said: ${rule.diagnostic}`,
      'Giving up on 192.0.2.10.',
      '',
      '--- Below this line is a copy of the message.',
      '',
      original,
    ].join('\r\n');
  }
  if (rule.format === 'exim') {
    return [
      'Return-Path: <>',
      `Date: ${date}`,
      'From: Mail Delivery System <Mailer-Daemon@relay.example.test>',
      `To: ${sender}`,
      `Subject: Mail delivery ${hard ? 'failed: returning message to sender' : 'delayed'}`,
      `Message-ID: ${id}`,
      'Auto-Submitted: auto-replied',
      '',
      'This message was created automatically by mail delivery software.',
      '',
      hard
        ? 'A message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:'
        : 'A message that you sent has not yet been delivered to one or more of its\r\nrecipients after more than 24 hours on the queue. Delivery will be retried.',
      '',
      `  ${recipient}`,
      `    host mx.example.test [192.0.2.10]`,
      `    SMTP error from remote mail server after RCPT TO:<${recipient}>:`,
      `    ${rule.diagnostic}`,
      '',
      "------ This is a copy of the message's headers. ------",
      '',
      headerBlock(original),
    ].join('\r\n');
  }
  const boundary = `${crypto.randomBytes(6).toString('hex')}.relay.example.test`;
  const success = rule.success;
  return [
    'Return-Path: <>',
    `Date: ${date}`,
    'From: MAILER-DAEMON@relay.example.test (Mail Delivery System)',
    `To: ${sender}`,
    `Subject: ${success ? 'Successful Mail Delivery Report' : hard ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    `Message-ID: ${id}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host relay.example.test.',
    '',
    success
      ? 'Your message was successfully delivered to the destination(s)\r\nlisted below.'
      : hard
        ? "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients."
        : 'Your message could not be delivered for more than 4 hour(s). It will be retried.',
    '',
    `<${recipient}>: ${success === 'relayed' ? 'delivery via' : 'host'} mx.example.test[192.0.2.10] said: ${rule.diagnostic}`,
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.example.test',
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${success ?? (hard ? 'failed' : 'delayed')}`,
    `Status: ${rule.status}`,
    'Remote-MTA: dns; mx.example.test',
    `Diagnostic-Code: smtp; ${rule.diagnostic}`,
    '',
    `--${boundary}`,
    `Content-Description: ${success ? 'Message Headers' : 'Undelivered Message Headers'}`,
    'Content-Type: text/rfc822-headers',
    '',
    headerBlock(original),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
