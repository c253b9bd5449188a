// One raw message → the fields Mailroom stores, with mailparser (any charset, RFC 2047/2231
// encoded names, nested MIME). Throws when mailparser cannot parse the message: the caller
// quarantines it with that error.
import { htmlToText } from 'html-to-text';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { InboxAddress, NewInboxMessage } from '../db/schema/inbox';
import { normalizeMessageId } from './external-id';
import { type AutomaticMail, readAutomatic } from './read-automatic';

export type ParsedAttachment = {
  position: number;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
  content: Buffer;
};

export type ParsedMessage = Pick<
  NewInboxMessage,
  | 'messageId'
  | 'inReplyTo'
  | 'fromName'
  | 'fromAddress'
  | 'subject'
  | 'date'
  | 'text'
  | 'html'
  | 'snippet'
  | 'hasAttachments'
> & {
  references: string[];
  to: InboxAddress[];
  cc: InboxAddress[];
  replyTo: InboxAddress[];
  attachments: ParsedAttachment[];
} & AutomaticMail;

const PARSER_OPTIONS = {
  // The conversions below are done by us, bounded; mailparser's would reject big HTML outright.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  // Keep cid: references; the message view inlines the images from the stored attachments.
  skipImageLinks: true,
  keepCidLinks: true,
};

/** HTML larger than this is still stored and shown, but its text (for search and snippet) is cut. */
const HTML_TO_TEXT_LIMIT = 1_000_000;
const SNIPPET_LENGTH = 200;

/** A message that keeps the parser busy longer than this is quarantined rather than waited for. */
const PARSE_TIMEOUT_MS = 60_000;

export async function parseMessage(source: Buffer): Promise<ParsedMessage> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`parsing took longer than ${PARSE_TIMEOUT_MS / 1000} s`)),
      PARSE_TIMEOUT_MS,
    );
  });
  try {
    return toParsedMessage(await Promise.race([simpleParser(source, PARSER_OPTIONS), timeout]));
  } finally {
    clearTimeout(timer);
  }
}

function toParsedMessage(mail: ParsedMail): ParsedMessage {
  const html = typeof mail.html === 'string' && mail.html.trim() ? clean(mail.html) : null;
  let text = mail.text ? clean(mail.text) : null;
  if (!text && html) text = textOfHtml(html);
  const from = addresses(mail.from)[0];
  const attachments = mail.attachments.map(
    (a, index): ParsedAttachment => ({
      position: index,
      filename: clean(a.filename?.trim() || defaultFilename(index, a.contentType)).slice(0, 500),
      contentType: clean(a.contentType || 'application/octet-stream').slice(0, 200),
      size: a.content.length,
      contentId: a.contentId ? clean(a.contentId.replace(/^<|>$/g, '')).slice(0, 500) : null,
      inline: Boolean(a.related) || a.contentDisposition === 'inline',
      content: a.content,
    }),
  );
  // mailparser turns an unreadable Date header into "now": keep it only if the header really parses.
  const rawDate = mail.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, '') ?? '';
  const date =
    mail.date &&
    !Number.isNaN(mail.date.getTime()) &&
    !Number.isNaN(Date.parse(rawDate.replace(/\([^)]*\)/g, '')))
      ? mail.date
      : null;
  return {
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: normalizeMessageId(mail.inReplyTo),
    references: referencesOf(mail.references),
    fromName: clean(from?.name ?? ''),
    fromAddress: clean(from?.address ?? ''),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    subject: clean(mail.subject ?? '').slice(0, 2000),
    // PostgreSQL takes any year, but only four-digit ones round-trip through ISO strings.
    date: date && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 ? date : null,
    text,
    html,
    snippet: (text ?? '').replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH),
    hasAttachments: attachments.some((a) => !a.inline),
    attachments,
    ...readAutomaticSafely(mail),
  };
}

/** A report that cannot be read is still stored as a message; it is just not taken for a bounce. */
function readAutomaticSafely(mail: ParsedMail): AutomaticMail {
  try {
    const found = readAutomatic(mail);
    if (!found.bounce) return found;
    const bounce = {
      originalMessageId: found.bounce.originalMessageId,
      recipients: found.bounce.recipients.map((r) => ({
        ...r,
        address: clean(r.address),
        diagnostic: r.diagnostic === null ? null : clean(r.diagnostic),
      })),
    };
    return { automatic: found.automatic, bounce };
  } catch {
    return { automatic: null, bounce: null };
  }
}

/** PostgreSQL text cannot hold NUL or lone UTF-16 surrogates, and hostile mail contains both. */
function clean(value: string): string {
  return value.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be removed
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function addresses(field: AddressObject | AddressObject[] | undefined): InboxAddress[] {
  const out: InboxAddress[] = [];
  const visit = (list: { address?: string; name: string; group?: unknown[] }[]) => {
    for (const entry of list) {
      if (Array.isArray(entry.group)) visit(entry.group as typeof list);
      else if (entry.address || entry.name)
        out.push({
          name: clean(entry.name ?? '').slice(0, 500),
          address: clean(entry.address ?? '').slice(0, 500),
        });
    }
  };
  for (const object of Array.isArray(field) ? field : field ? [field] : []) visit(object.value);
  return out.slice(0, 500);
}

function referencesOf(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value : value ? value.split(/\s+/) : [];
  const ids = raw.map((r) => normalizeMessageId(r)).filter((r): r is string => r !== null);
  // A thread is identified by its root (first) reference; very long chains keep both ends.
  return ids.length > 100 ? [...ids.slice(0, 1), ...ids.slice(-99)] : ids;
}

function textOfHtml(html: string): string | null {
  try {
    const text = htmlToText(html.slice(0, HTML_TO_TEXT_LIMIT), {
      wordwrap: false,
      selectors: [
        { selector: 'img', format: 'skip' },
        { selector: 'a', options: { ignoreHref: true } },
      ],
    });
    return text.trim() ? clean(text) : null;
  } catch {
    // Pathological HTML (deep nesting) only loses its text version, not the message.
    return null;
  }
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
};

function defaultFilename(index: number, contentType: string | undefined): string {
  const ext = EXTENSIONS[(contentType ?? '').toLowerCase()] ?? 'bin';
  return `attachment-${index + 1}.${ext}`;
}
