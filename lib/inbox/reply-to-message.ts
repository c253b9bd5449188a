// Reply, reply all and forward from the shared inbox: the original's recipients, `Re:`/`Fwd:`,
// In-Reply-To and References (so both sides thread it), the quoted original (text, and its HTML
// sanitised), and for a forward the original's attachments. Sent through the outbox with origin
// `reply` (its id: the inbox message answered) from the sender account linked to the mailbox, so a
// reply has every outbox guarantee; the conversation shows it at once with its outbox status, and
// once the mailbox's Sent folder is synced the stored copy is recognised by our Message-ID.
import { asc, eq } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type InboxAddress, type InboxMessage, inboxAttachments, inboxMailboxes } from '../db/schema/inbox';
import { organizations } from '../db/schema/orgs';
import type { Address } from '../db/schema/outbox';
import { getTranslator } from '../i18n/get-translator';
import { escapeHtml } from '../mail/escape-html';
import { sanitizeMessageHtml } from '../mail/sanitize-message-html';
import { enqueueMessage } from '../outbox/enqueue-message';
import { getMessageRow } from './get-message';
import {
  type ForwardInput,
  forwardInput,
  type ReplyInput,
  type ReplySentView,
  replyInput,
} from './reply.schema';
import { resolveReplySender } from './resolve-reply-sender';

export type ReplyMode = 'reply' | 'forward';

export async function replyToMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: ReplyInput,
  options?: { idempotencyKey?: string },
): Promise<ReplySentView>;
export async function replyToMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: ForwardInput,
  options: { forward: true; idempotencyKey?: string },
): Promise<ReplySentView>;
export async function replyToMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  raw: ReplyInput | ForwardInput,
  options: { forward?: boolean; idempotencyKey?: string } = {},
): Promise<ReplySentView> {
  const original = await getMessageRow(db, ctx, id);
  const [mailbox] = await db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, original.mailboxId));
  const sender = await resolveReplySender(db, ctx, mailbox!);
  const forward = options.forward === true;
  const input = forward ? parseOr400(forwardInput, raw) : parseOr400(replyInput, raw);
  const own = new Set([mailbox!.username.toLowerCase(), sender.fromAddress.toLowerCase()]);
  const recipients = forward
    ? { to: (input as { to: Address[] }).to, cc: input.cc ?? [] }
    : replyRecipients(original, own, input as { all: boolean; to?: Address[]; cc?: Address[] });

  const locale =
    input.locale ??
    (((
      await db
        .select({ l: organizations.defaultLocale })
        .from(organizations)
        .where(eq(organizations.id, ctx.orgId))
    )[0]?.l ?? 'en') as 'en' | 'fr');
  const t = getTranslator(locale);
  const from = original.fromName ? `${original.fromName} <${original.fromAddress}>` : original.fromAddress;
  const date = (original.date ?? original.receivedAt).toISOString().replace('T', ' ').slice(0, 16);
  const head = forward
    ? t('replies.forwardedHeader', { from, date, subject: original.subject })
    : t('replies.wrote', { from, date });
  const quote = input.quote ? quoted(original, forward, head) : { text: '', html: '' };
  const bodyHtml =
    input.html ?? (input.text ? `<p>${escapeHtml(input.text).replace(/\n/g, '<br>')}</p>` : '');
  const references = [...original.references, ...(original.messageId ? [original.messageId] : [])].slice(-50);
  const headers: Record<string, string> = {};
  if (original.messageId && !forward) headers['In-Reply-To'] = original.messageId;
  if (references.length) headers.References = references.join(' ');

  const kept =
    forward && (input as { includeAttachments: boolean }).includeAttachments
      ? await originalFiles(db, original)
      : [];
  const enqueued = await enqueueMessage(
    db,
    ctx,
    {
      senderId: sender.id,
      to: recipients.to,
      cc: recipients.cc,
      bcc: input.bcc,
      subject: input.subject ?? prefixed(original.subject, forward ? 'Fwd:' : 'Re:'),
      text: `${input.text}${quote.text}`,
      html: `${bodyHtml}${quote.html}` || undefined,
      headers,
      attachments: [...kept, ...(input.attachments ?? [])],
      idempotencyKey: options.idempotencyKey,
    },
    { origin: { kind: 'reply', id: original.id } },
  );
  return {
    id: enqueued.id,
    status: enqueued.status,
    messageId: enqueued.messageId,
    to: recipients.to,
    cc: recipients.cc,
    subject: input.subject ?? prefixed(original.subject, forward ? 'Fwd:' : 'Re:'),
    senderId: sender.id,
  };
}

/** `Re: Re: x` stays `Re: x`; `AW:`/`TR:`/`Fw:` count as already prefixed for their kind. */
export function prefixed(subject: string, prefix: 'Re:' | 'Fwd:'): string {
  const already = prefix === 'Re:' ? /^\s*(re|aw|sv|ré)\s*:/i : /^\s*(fwd?|tr|wg)\s*:/i;
  return already.test(subject) ? subject.trim() : `${prefix} ${subject.trim()}`.trim();
}

/** Reply: Reply-To, else From. Reply all: those and the original's To and Cc, less our own addresses. */
export function replyRecipients(
  original: Pick<InboxMessage, 'fromAddress' | 'fromName' | 'replyTo' | 'to' | 'cc'>,
  own: Set<string>,
  input: { all: boolean; to?: Address[]; cc?: Address[] },
): { to: Address[]; cc: Address[] } {
  if (input.to) return { to: input.to, cc: input.cc ?? [] };
  const seen = new Set<string>();
  const pick = (list: InboxAddress[]) =>
    list.flatMap((a): Address[] => {
      const key = a.address.toLowerCase();
      if (!a.address || seen.has(key) || own.has(key)) return [];
      seen.add(key);
      return [a.name ? { address: a.address, name: a.name } : { address: a.address }];
    });
  const author = original.replyTo.length
    ? original.replyTo
    : [{ name: original.fromName, address: original.fromAddress }];
  // Our own message answered again (from the Sent folder): to its recipients, not to ourselves.
  const fromUs = author.every((a) => own.has(a.address.toLowerCase()));
  const to = pick(fromUs ? original.to : author);
  const cc = input.all ? pick([...original.to, ...original.cc]) : [];
  return { to, cc: input.cc ?? cc };
}

/** The original below the reply: `> `-quoted text and a blockquote of its sanitised HTML (a forward: as it is). */
function quoted(original: InboxMessage, forward: boolean, head: string): { text: string; html: string } {
  const text = original.text ?? '';
  if (forward) {
    return {
      text: `\n\n${head}\n\n${text}`,
      html: `<br><div class="mailroom-forward"><p>${escapeHtml(head).replace(/\n/g, '<br>')}</p>${
        original.html ? sanitizeMessageHtml(original.html) : `<pre>${escapeHtml(text)}</pre>`
      }</div>`,
    };
  }
  return {
    text: `\n\n${head}\n${text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}`,
    html: `<br><p>${escapeHtml(head)}</p><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${
      original.html ? sanitizeMessageHtml(original.html) : `<pre>${escapeHtml(text)}</pre>`
    }</blockquote>`,
  };
}

async function originalFiles(db: DbOrTx, original: InboxMessage) {
  const files = await db
    .select()
    .from(inboxAttachments)
    .where(eq(inboxAttachments.inboxMessageId, original.id))
    .orderBy(asc(inboxAttachments.position));
  return files
    .filter((f) => !f.inline)
    .map((f) => ({
      filename: f.filename.replace(/[\r\n]/g, ' ').slice(0, 255) || 'attachment',
      contentType: /^[\w.+-]+\/[\w.+-]+$/.test(f.contentType) ? f.contentType : 'application/octet-stream',
      content: f.content.toString('base64'),
    }));
}
