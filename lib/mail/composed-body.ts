// What the compose editor posts, made safe to send: the HTML kept to what the editor itself makes
// (paragraphs, emphasis, lists, quotes, links), so a forged post cannot slip a script, a form, a
// remote image or a style sheet into mail sent in the organisation's name; the text part is
// derived from that same HTML, as the outbox derives it for an HTML-only message.
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './escape-html';
import { htmlToText } from './html-to-text';

const EDITOR_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'hr',
];

export function sanitizeComposedHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: EDITOR_TAGS,
    allowedAttributes: { a: ['href'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    // Whatever the editor does not make goes with its content (a <script>'s text must not stay).
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  }).trim();
}

/** The HTML and text parts of a composed body; both absent when nothing but blank space was written. */
export function composedBody(html: string | null | undefined): { html?: string; text?: string } {
  const clean = sanitizeComposedHtml(html ?? '');
  const text = clean ? htmlToText(clean) : '';
  if (!text.trim()) return {};
  return { html: clean, text };
}

/**
 * What the editor can open of a stored body without losing anything: HTML it made itself (the
 * sanitiser leaves it as it is), or a text-only body as paragraphs. Null when the HTML holds what
 * the editor cannot make (tables, styles, images sent through the REST API): editing it there would
 * drop them, so such a message is edited as its raw parts instead.
 */
export function editorHtmlOf(body: { html: string | null; text: string | null }): string | null {
  if (body.html?.trim()) {
    const html = body.html.trim();
    return sanitizeComposedHtml(html) === html ? html : null;
  }
  const text = body.text?.trim() ?? '';
  if (!text) return '';
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}
