// Tells mail no person wrote from the rest: a delivery status notification (a bounce: RFC 3464
// `multipart/report; report-type=delivery-status`, or the older free-text formats of qmail, Exim,
// Postfix, Exchange and the big providers; a delivery report when every recipient it names was
// delivered, relayed or expanded) and automatic replies (RFC 3834 Auto-Submitted,
// X-Autoreply/X-Autorespond, Precedence: auto_reply, out-of-office). A bounce is read for what it
// says per recipient (hard or soft, the remote server's words) and for the Message-ID of the
// message that bounced, found in the returned headers. Bounded work on any input: the texts read
// are cut to a size no real report exceeds.
import type { ParsedMail } from 'mailparser';
import type { InboxAutomaticKind, InboxBounceReport } from '../db/schema/inbox';
import { normalizeMessageId } from './external-id';

export type AutomaticMail = {
  automatic: InboxAutomaticKind | null;
  bounce: Omit<InboxBounceReport, 'outboxMessageId'> | null;
};

const MAX_READ = 200_000;
const MAX_RECIPIENTS = 100;
const NOT_AUTOMATIC: AutomaticMail = { automatic: null, bounce: null };

/** The part types that carry a report or the returned message (mailparser may hand them as attachments). */
const REPORT_PARTS = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
]);

export function readAutomatic(mail: ParsedMail): AutomaticMail {
  const header = (name: string) =>
    mail.headerLines
      .find((h) => h.key === name)
      ?.line.slice(name.length + 1)
      .trim() ?? null;
  const contentType = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const isReport =
    contentType?.value?.toLowerCase() === 'multipart/report' &&
    /delivery-status/i.test(contentType.params?.['report-type'] ?? '');
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const subject = mail.subject ?? '';
  const looksLikeBounce =
    isReport ||
    (MAILER_DAEMON.test(from.split('@')[0] ?? '') && BOUNCE_SUBJECT.test(subject)) ||
    (BOUNCE_SUBJECT.test(subject) && /^<>$|^$/.test(header('return-path') ?? 'x'));

  if (looksLikeBounce) {
    const parts = mail.attachments
      .filter((a) => REPORT_PARTS.has(a.contentType.toLowerCase()))
      .map((a) => ({ type: a.contentType.toLowerCase(), text: a.content.toString('utf8', 0, MAX_READ) }));
    const body = (mail.text ?? '').slice(0, MAX_READ);
    const statusText = [
      body,
      ...parts.filter((p) => p.type.endsWith('delivery-status')).map((p) => p.text),
    ].join('\n\n');
    const standard = readDeliveryStatus(statusText);
    const recipients = standard.length > 0 ? standard : readFreeTextBounce(body, from);
    const failed = recipients.filter((r) => !DELIVERED_ACTIONS.has(r.action));
    const delivered = standard
      .filter((r) => DELIVERED_ACTIONS.has(r.action))
      .map(({ action: _a, ...r }) => ({ ...r, hard: false, outcome: 'delivered' as const }));
    const own = normalizeMessageId(mail.messageId);
    const returned = parts.filter((p) => !p.type.endsWith('delivery-status')).map((p) => p.text);
    const originalMessageId = findOriginalMessageId([...returned, body], own);
    // A report that every recipient got the message is no bounce: a delivery report.
    if (isReport && standard.length > 0 && failed.length === 0)
      return {
        automatic: 'delivery-report',
        bounce: { originalMessageId, recipients: delivered.slice(0, MAX_RECIPIENTS) },
      };
    return {
      automatic: 'bounce',
      bounce: {
        originalMessageId,
        recipients: [...failed.map(({ action: _a, ...r }) => r), ...delivered].slice(0, MAX_RECIPIENTS),
      },
    };
  }

  const autoSubmitted = header('auto-submitted');
  const precedence = header('precedence')?.toLowerCase() ?? '';
  if (
    (autoSubmitted !== null && autoSubmitted.toLowerCase() !== 'no') ||
    header('x-autoreply') !== null ||
    header('x-autorespond') !== null ||
    header('x-autoresponse') !== null ||
    precedence === 'auto_reply' ||
    ((precedence === 'bulk' || precedence === 'junk' || header('x-auto-response-suppress') !== null) &&
      AUTO_REPLY_SUBJECT.test(subject))
  ) {
    return { automatic: 'auto-reply', bounce: null };
  }
  return NOT_AUTOMATIC;
}

/**
 * RFC 3464 actions that mean the message reached the recipient, or left the reporting server's
 * hands for it: delivered, relayed (to a server that sends no reports), expanded (to a list).
 */
const DELIVERED_ACTIONS = new Set(['delivered', 'relayed', 'expanded']);

const MAILER_DAEMON = /^(mailer-daemon|mail-daemon|postmaster|mailer|mdaemon|bounce|bounces)$/i;
const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (status notification|failure|has failed|problem|failed)|returned mail|failure notice|mail delivery (failed|system|subsystem)|could not be delivered|non remis|non distribu|échec de (la )?(remise|distribution)|unzustellbar|nicht zustellbar|rejected/i;
const AUTO_REPLY_SUBJECT =
  /^(auto(matic)? ?(reply|response)|autoreply|réponse automatique|absence|out of (the )?office|abwesend)\b/i;

type Recipient = InboxBounceReport['recipients'][number] & { action: string };

/**
 * The per-recipient fields of RFC 3464 (Final-Recipient, Action, Status, Diagnostic-Code), wherever
 * they are in the text (mailparser gives a message/delivery-status part as text, or as an
 * attachment). Folded lines are unfolded first.
 */
function readDeliveryStatus(text: string): Recipient[] {
  const lines = text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n');
  const out: Recipient[] = [];
  let current: Recipient | null = null;
  let original: string | null = null;
  const flush = () => {
    if (current) out.push(current);
    current = null;
  };
  for (const line of lines) {
    const field = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
    if (!field) continue;
    const name = field[1]!.toLowerCase();
    const value = field[2]!.trim();
    if (name === 'original-recipient') {
      original = addressOf(value);
    } else if (name === 'final-recipient') {
      flush();
      const address = addressOf(value) ?? original;
      original = null;
      if (address) current = { address, hard: true, status: null, diagnostic: null, action: 'failed' };
    } else if (current && name === 'action') {
      current.action = value.toLowerCase();
    } else if (current && name === 'status') {
      current.status = /\d\.\d{1,3}\.\d{1,3}/.exec(value)?.[0] ?? null;
    } else if (current && name === 'diagnostic-code') {
      current.diagnostic = value.replace(/^(smtp|x-[a-z-]+)\s*;\s*/i, '').slice(0, 1000);
    }
    if (out.length >= MAX_RECIPIENTS) break;
  }
  flush();
  for (const r of out) r.hard = isHard(r.action, r.status, r.diagnostic);
  return out;
}

function isHard(action: string, status: string | null, diagnostic: string | null): boolean {
  if (action === 'delayed') return false;
  if (status) return status.startsWith('5');
  const code = diagnostic ? /\b([45])\d\d\b/.exec(diagnostic)?.[1] : undefined;
  return code !== '4';
}

/**
 * Free-text bounces (qmail "Hi. This is the qmail-send program", Exim "This message was created
 * automatically by mail delivery software", Postfix without a report part, Exchange NDRs): an
 * address of a recipient on a line, and the server's answer (an SMTP code) on it or just after it.
 */
function readFreeTextBounce(body: string, from: string): Recipient[] {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  // The returned message starts at one of these: addresses below it are its headers, not failures.
  const stop = lines.findIndex((l) =>
    /^-+ ?(below this line is a copy|original message|this is a copy of the message)|^-+ ?the header of the original message|^original message headers|^------ This is a copy/i.test(
      l.trim(),
    ),
  );
  const text = stop >= 0 ? lines.slice(0, stop) : lines;
  const out: Recipient[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < text.length && out.length < MAX_RECIPIENTS; i++) {
    const line = text[i]!;
    for (const match of line.matchAll(/<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?/g)) {
      const address = match[1]!.toLowerCase();
      if (address === from || seen.has(address) || MAILER_DAEMON.test(address.split('@')[0]!)) continue;
      // The answer: on this line or the next three.
      const around = text.slice(i, i + 4).join(' ');
      const code = /\b([45])\d\d[ -]/.exec(around) ?? /\b([45])\.\d{1,3}\.\d{1,3}\b/.exec(around);
      const permanent =
        /permanent|does not exist|unknown user|user unknown|no such user|mailbox unavailable|n'existe pas|introuvable/i.test(
          around,
        );
      const temporary = /temporar|delayed|will (be )?retr|deferred|still trying/i.test(around);
      if (!code && !permanent && !temporary) continue;
      seen.add(address);
      const diagnostic = text
        .slice(i, i + 4)
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' ')
        .slice(0, 1000);
      const hard = code ? code[1] === '5' : permanent || !temporary;
      out.push({
        address,
        hard,
        status: /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(around)?.[0] ?? null,
        diagnostic,
        action: hard ? 'failed' : 'delayed',
      });
    }
  }
  return out;
}

/** `rfc822; a@b.c` → `a@b.c` (lowercased); other address types are kept as they are. */
function addressOf(value: string): string | null {
  const address = value
    .replace(/^[a-z0-9-]+\s*;\s*/i, '')
    .replace(/^<|>$/g, '')
    .trim();
  return address ? address.toLowerCase().slice(0, 320) : null;
}

/** The first Message-ID header in the returned message or headers that is not the report's own. */
function findOriginalMessageId(texts: string[], own: string | null): string | null {
  for (const text of texts) {
    const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
    for (const match of unfolded.matchAll(/^[ \t>]*Message-ID:[ \t]*(<[^>\s]+>|[^\s<>]+@[^\s<>]+)/gim)) {
      const id = normalizeMessageId(match[1]!);
      if (id && id !== own) return id;
    }
  }
  return null;
}
