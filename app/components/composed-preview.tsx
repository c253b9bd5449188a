'use client';

// The message as it will be sent, beside the form that writes it: its headers as typed, the HTML
// part in the sandboxed frame and the text part, both made by the server from the editor's HTML
// (the same sanitising and text derivation as sending), refreshed shortly after each change.
import { useTranslations } from 'next-intl';
import { type RefObject, useEffect, useState } from 'react';
import { HtmlFrame } from './html-frame';

const REFRESH_MS = 300;

type Preview = { html: string; text: string };

export function ComposedPreview({
  form,
  html,
  version,
  from,
  render,
}: {
  form: RefObject<HTMLFormElement | null>;
  html: string;
  /** Changes whenever anything in the form changes. */
  version: number;
  /** The sender as shown, for the select's chosen value. */
  from: (senderId: string) => string;
  /** The server's preview of the HTML (compose-actions.ts). */
  render: (html: string) => Promise<Preview>;
}) {
  const t = useTranslations('compose');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [heads, setHeads] = useState<{ label: string; value: string }[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version says the form changed
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const data = form.current ? new FormData(form.current) : new FormData();
      const field = (k: string) => String(data.get(k) ?? '').trim();
      setHeads(
        [
          { label: t('from'), value: from(field('senderId')) },
          { label: t('to'), value: field('to') },
          { label: t('cc'), value: field('cc') },
          { label: t('subject'), value: field('subject') },
        ].filter((h) => h.value),
      );
      render(html)
        .then((p) => {
          if (current) setPreview(p);
        })
        .catch(() => {});
    }, REFRESH_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [html, version]);

  return (
    <section
      aria-label={t('preview')}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      data-testid="compose-preview"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {heads.map((h) => (
          <div key={h.label} className="contents">
            <dt className="font-medium text-slate-600">{h.label}</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere]">{h.value}</dd>
          </div>
        ))}
      </dl>
      {preview?.text ? (
        <>
          <HtmlFrame html={preview.html} title={t('previewHtml')} className="h-64" testId="preview-html" />
          <details>
            <summary className="cursor-pointer text-xs font-medium text-slate-600">
              {t('previewText')}
            </summary>
            <pre
              className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-words text-xs"
              data-testid="preview-text"
            >
              {preview.text}
            </pre>
          </details>
        </>
      ) : (
        <p className="text-sm text-slate-500">{t('previewEmpty')}</p>
      )}
    </section>
  );
}
