// The unsubscribe link of group emails (List-Unsubscribe). POST is RFC 8058's one-click (the mail
// client posts `List-Unsubscribe=One-Click`) and the confirmation page's button alike: the contact
// is opted out of email for the organisation. GET only shows the page with the button — link
// scanners fetch links, and a fetch must not unsubscribe anyone. Both in the contact's language.

import { lookUnsubscribe, type UnsubscribeTarget, unsubscribe } from '@/lib/broadcasts/unsubscribe';
import { getDb } from '@/lib/db/client';
import { getTranslator } from '@/lib/i18n/get-translator';
import { log } from '@/lib/log';
import { escapeHtml } from '@/lib/mail/escape-html';

type Params = { params: Promise<{ token: string }> };

function page(target: UnsubscribeTarget | null, state: 'ask' | 'done', status = 200): Response {
  const t = getTranslator(target?.locale ?? 'en');
  const org = target?.orgName ?? '';
  const body = !target
    ? `<p>${escapeHtml(t('unsubscribe.unknown'))}</p>`
    : state === 'done'
      ? `<p id="done">${escapeHtml(t('unsubscribe.done', { org }))}</p>`
      : target.optedOut
        ? `<p id="done">${escapeHtml(t('unsubscribe.already', { org }))}</p>`
        : `<form method="post"><p>${escapeHtml(t('unsubscribe.confirm', { org }))}</p>` +
          `<button type="submit">${escapeHtml(t('unsubscribe.button'))}</button></form>`;
  const html = `<!doctype html><html lang="${target?.locale ?? 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(t('unsubscribe.title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body><h1>${escapeHtml(t('unsubscribe.title'))}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function GET(_req: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const target = await lookUnsubscribe(getDb(), token).catch((error) => {
    log.warn({ err: error }, 'unsubscribe page failed');
    return null;
  });
  return page(target, 'ask', target ? 200 : 404);
}

export async function POST(_req: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const target = await unsubscribe(getDb(), token);
  return page(target, 'done', target ? 200 : 404);
}
