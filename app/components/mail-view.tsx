// One message as the preview mailboxes show it: headers, the HTML sanitised and in a sandboxed
// iframe (no scripts, no same-origin access), the text part, all header lines, and the attachments.

import { useFormatter, useTranslations } from 'next-intl';
import { HtmlFrame } from '@/app/components/html-frame';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';
import type { readPreviewMessage } from '@/lib/mail/read-preview-messages';
import { sanitizeMessageHtml } from '@/lib/mail/sanitize-message-html';
import { LinkedText } from './linked-text';
import { Card } from './ui';

type Message = Awaited<ReturnType<typeof readPreviewMessage>>;

export function MailView({
  message,
  attachmentHref,
}: {
  message: Message;
  attachmentHref?: (index: number) => string;
}) {
  const t = useTranslations('mailView');
  const tc = useTranslations('common');
  const format = useFormatter();
  return (
    <div className="space-y-4">
      <Card>
        <h2 className="text-lg font-semibold" data-testid="mail-subject">
          {message.subject || tc('noSubject')}
        </h2>
        <dl className="mt-2 grid grid-cols-[6rem_minmax(0,1fr)] gap-y-1 text-sm [overflow-wrap:anywhere]">
          <dt className="text-slate-500">{t('from')}</dt>
          <dd>{message.from}</dd>
          <dt className="text-slate-500">{t('to')}</dt>
          <dd>{message.to.join(', ')}</dd>
          <dt className="text-slate-500">{t('date')}</dt>
          <dd>{formatDate(format, message.createdAt)}</dd>
        </dl>
      </Card>
      {message.html ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{t('html')}</h3>
          <HtmlFrame title={t('htmlFrameTitle')} html={sanitizeMessageHtml(message.html)} className="h-96" />
        </Card>
      ) : null}
      <Card>
        <h3 className="mb-2 text-sm font-medium text-slate-600">{t('text')}</h3>
        <pre className="whitespace-pre-wrap break-words text-sm" data-testid="mail-text">
          {message.text ? <LinkedText text={message.text} /> : t('noText')}
        </pre>
      </Card>
      {message.attachments.length > 0 ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{t('attachments')}</h3>
          <ul className="space-y-1 text-sm">
            {message.attachments.map((a) => (
              <li key={a.index}>
                {attachmentHref ? (
                  <a className="text-indigo-700 underline" href={attachmentHref(a.index)}>
                    {a.filename}
                  </a>
                ) : (
                  a.filename
                )}{' '}
                <span className="text-slate-500">
                  ({a.contentType}, {formatSize(format, a.size)})
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-medium text-slate-600">{t('allHeaders')}</summary>
        <pre className="mt-2 whitespace-pre-wrap break-all text-xs">{message.headers.join('\n')}</pre>
      </details>
    </div>
  );
}
