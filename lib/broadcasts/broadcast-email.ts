// One recipient's email of a message: its text, an HTML version carrying the open pixel (when
// tracking applies), and for group messages the RFC 8058 one-click unsubscribe headers, which Gmail
// and Yahoo require of bulk senders, with the same link in the footer.
import { env } from '../env';
import { escapeHtml } from '../mail/escape-html';
import type { EnqueueInput } from '../outbox/message.schema';

export function appUrl(): string {
  return env().APP_URL.replace(/\/+$/, '');
}

export function broadcastEmail(input: {
  senderId: string | null;
  to: { address: string; name: string };
  subject: string;
  text: string;
  /** The pixel's token; null: no pixel. */
  openToken: string | null;
  /** The unsubscribe link's token; null: no unsubscribe headers (a message to named contacts only). */
  unsubscribeToken: string | null;
  unsubscribeLabel: string;
  /** Not sent by then: the recipient fails as expired. */
  expiresAt: Date | null;
}): EnqueueInput {
  const base = appUrl();
  const unsubscribe = input.unsubscribeToken ? `${base}/unsubscribe/${input.unsubscribeToken}` : null;
  const paragraphs = escapeHtml(input.text).replace(/\r?\n/g, '<br>\n');
  const html =
    `<div style="font-family:sans-serif;white-space:normal">${paragraphs}</div>` +
    (unsubscribe
      ? `\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(unsubscribe)}">${escapeHtml(input.unsubscribeLabel)}</a></p>`
      : '') +
    (input.openToken
      ? `\n<img src="${base}/t/${input.openToken}.gif" width="1" height="1" alt="" style="border:0">`
      : '');
  return {
    ...(input.senderId ? { senderId: input.senderId } : {}),
    to: [{ address: input.to.address, ...(input.to.name ? { name: input.to.name } : {}) }],
    subject: input.subject,
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    text: unsubscribe ? `${input.text}\n\n--\n${input.unsubscribeLabel}: ${unsubscribe}\n` : input.text,
    html,
    ...(unsubscribe
      ? {
          headers: {
            'List-Unsubscribe': `<${unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}
