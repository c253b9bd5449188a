// One message of a conversation, stacked: a summary line (who, when, the first words) that opens
// and closes it — a <details>, so a click, Enter or Space does — and, open, its headers, its HTML
// in a sandboxed frame or its plain text, and its attachments. The message the address names
// carries the test ids the pages' tests look for.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { HtmlFrame } from '@/app/components/html-frame';
import { PlainText } from '@/app/components/plain-text';
import { Badge, Card } from '@/app/components/ui';
import type { MessageStatus } from '@/lib/db/schema/outbox';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';
import type { MessageSummaryView, MessageView } from '@/lib/inbox/messages.schema';
import { StatusBadge } from '../../../outbox/status-badge';

const addresses = (list: { name: string; address: string }[]) =>
  list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

export function ThreadMessage({
  summary,
  message,
  open,
  primary,
  mailbox,
  sentStatus,
  remoteImages,
}: {
  summary: MessageSummaryView;
  /** The whole message, when loaded (older ones of a long thread are only summarised). */
  message?: MessageView;
  open: boolean;
  /** The message the page's address names. */
  primary: boolean;
  mailbox: string;
  /** Set when Mailroom sent it: the outbox status. */
  sentStatus?: MessageStatus;
  remoteImages: boolean;
}) {
  const t = useTranslations('inboxMessage');
  const format = useFormatter();
  const id = (name: string) => (primary ? name : undefined);
  return (
    <details
      open={open}
      className="group rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="thread-message"
      data-primary={primary || undefined}
    >
      {/* A flex summary loses the browser's marker: the arrow is drawn, and turns when open. */}
      <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg px-4 py-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          data-testid="disclosure-arrow"
          className="size-4 shrink-0 self-center text-slate-500 transition-transform group-open:rotate-90 motion-reduce:transition-none"
        >
          <path d="M7.3 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 0 1-1.4-1.4L11.6 10 7.3 5.7a1 1 0 0 1 0-1.4Z" />
        </svg>
        <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">
          {summary.from.name || summary.from.address}
        </span>
        <span className="text-xs text-slate-500">
          {formatDate(format, summary.date ?? summary.receivedAt)}
        </span>
        <Badge tone="indigo">{mailbox}</Badge>
        {summary.seen ? null : <Badge tone="sky">{t('unread')}</Badge>}
        {sentStatus ? (
          <>
            <Badge tone="green">{t('sentFromMailroom')}</Badge> <StatusBadge status={sentStatus} />
          </>
        ) : null}
        <span className="w-full min-w-0 truncate pl-7 text-slate-500 group-open:hidden">
          {summary.snippet}
        </span>
      </summary>
      <div className="space-y-4 border-t border-slate-100 px-4 py-4">
        {message ? (
          <>
            <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-y-1 text-sm [overflow-wrap:anywhere]">
              <dt className="text-slate-500">{t('from')}</dt>
              <dd data-testid={id('message-from')}>{addresses([message.from])}</dd>
              <dt className="text-slate-500">{t('to')}</dt>
              <dd>{addresses(message.to) || '—'}</dd>
              {message.cc.length ? (
                <>
                  <dt className="text-slate-500">{t('cc')}</dt>
                  <dd>{addresses(message.cc)}</dd>
                </>
              ) : null}
              {message.replyTo.length ? (
                <>
                  <dt className="text-slate-500">{t('replyTo')}</dt>
                  <dd>{addresses(message.replyTo)}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t('date')}</dt>
              <dd>{formatDate(format, message.date ?? message.receivedAt)}</dd>
              <dt className="text-slate-500">{t('mailbox')}</dt>
              <dd>
                {mailbox} / {message.folder}
              </dd>
            </dl>
            <MessageBody message={message} primary={primary} remoteImages={remoteImages} />
          </>
        ) : (
          <Link href={`/inbox/messages/${summary.id}`} className="text-sm text-indigo-700 underline">
            {t('openMessage')}
          </Link>
        )}
      </div>
    </details>
  );
}

function MessageBody({
  message,
  primary,
  remoteImages,
}: {
  message: MessageView;
  primary: boolean;
  remoteImages: boolean;
}) {
  const t = useTranslations('inboxMessage');
  const format = useFormatter();
  const id = (name: string) => (primary ? name : undefined);
  const files = message.attachments.filter((a) => !a.inline);
  return (
    <>
      {message.automatic === 'auto-reply' ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {t('autoReplyNotice')}
        </p>
      ) : null}
      {message.automatic === 'bounce' || message.automatic === 'delivery-report' ? (
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-600" data-testid={id('bounce-title')}>
            {t(message.automatic === 'bounce' ? 'bounceTitle' : 'deliveryReportTitle')}
          </h2>
          {message.bounce?.outboxMessageId ? (
            <p className="mb-2 text-sm">
              {t.rich(message.automatic === 'bounce' ? 'bounceMatched' : 'deliveryReportMatched', {
                link: (chunks) => (
                  <Link
                    className="text-indigo-700 underline"
                    href={`/outbox/${message.bounce?.outboxMessageId}`}
                  >
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : (
            <p className="mb-2 text-sm text-slate-600">{t('bounceUnmatched')}</p>
          )}
          <ul className="space-y-1 text-sm">
            {(message.bounce?.recipients ?? []).map((r) => (
              <li key={r.address}>
                <span className="font-mono text-xs">{r.address}</span>{' '}
                {r.outcome === 'delivered' ? (
                  <Badge tone="green">{t('reportDelivered')}</Badge>
                ) : (
                  <Badge tone={r.hard ? 'red' : 'amber'}>{r.hard ? t('bounceHard') : t('bounceSoft')}</Badge>
                )}{' '}
                <span className="text-slate-600">{[r.status, r.diagnostic].filter(Boolean).join(' ')}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {message.html ? (
        <div>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
            <span>{remoteImages ? t('shownSafeImages') : t('shownSafe')}</span>
            {remoteImages ? (
              <Link href={`/inbox/messages/${message.id}`} className="text-indigo-700 hover:underline">
                {t('hideImages')}
              </Link>
            ) : (
              <Link
                href={`/inbox/messages/${message.id}?images=1`}
                className="text-indigo-700 hover:underline"
              >
                {t('showImages')}
              </Link>
            )}
          </div>
          <HtmlFrame
            title={t('frameTitle')}
            html={message.html}
            className="h-[32rem]"
            testId={id('message-html')}
          />
        </div>
      ) : (
        <PlainText text={message.text || t('noText')} testId={id('message-text')} />
      )}
      {files.length ? (
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{t('attachments')}</h3>
          <ul className="space-y-1 text-sm">
            {files.map((a) => (
              <li key={a.id}>
                <a className="text-indigo-700 underline" href={a.url} data-testid={id('attachment-link')}>
                  {a.filename}
                </a>{' '}
                <span className="text-slate-500">
                  ({a.contentType}, {formatSize(format, a.size)})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {message.html && message.text ? (
        <details className="rounded-md border border-slate-200 p-3">
          {/* A block summary keeps the browser's own turning marker. */}
          <summary className="cursor-pointer text-sm font-medium text-slate-600">{t('textVersion')}</summary>
          <div className="mt-2">
            <PlainText text={message.text} />
          </div>
        </details>
      ) : null}
    </>
  );
}
