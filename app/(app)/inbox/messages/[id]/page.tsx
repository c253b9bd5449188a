// One conversation: every message of the thread (across mailboxes), the chosen one open with its
// sanitised HTML in a sandboxed frame, its text, and its attachments.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { HtmlFrame } from '@/app/components/html-frame';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Badge, Button, ButtonLink, Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';
import { getMessage } from '@/lib/inbox/get-message';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { listMessages } from '@/lib/inbox/list-messages';
import { listThreadReplies } from '@/lib/inbox/list-thread-replies';
import type { MessageView } from '@/lib/inbox/messages.schema';
import { StatusBadge } from '../../../outbox/status-badge';
import { markUnreadAction } from '../../actions';
import { MarkReadOnOpen } from '../../mark-read-on-open';

export const generateMetadata = pageTitle('inboxMessage');

export default async function MessagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { images, sent } = await searchParams;
  const remoteImages = images === '1';
  const { ctx } = await requireSessionOrg();
  const db = getDb();
  const message: MessageView = await orNotFound(getMessage(db, ctx, id, { allowRemoteImages: remoteImages }));
  const [{ messages: thread }, mailboxes] = await Promise.all([
    listMessages(db, ctx, { threadKey: message.threadKey, limit: 200 }),
    listIntegrations(db, ctx),
  ]);
  const [t, tc, format] = await Promise.all([
    getTranslations('inboxMessage'),
    getTranslations('common'),
    getFormatter(),
  ]);
  const names = new Map(mailboxes.map((m) => [m.id, m.name]));
  const others = [...thread].reverse();
  const replies = await listThreadReplies(db, ctx, thread);
  // Ours once synced from the Sent folder: the stored copy carries the outbox status.
  const ours = new Map(replies.flatMap((r) => (r.storedAs ? [[r.storedAs, r] as const] : [])));
  const pending = replies.filter((r) => !r.storedAs);
  const addresses = (list: { name: string; address: string }[]) =>
    list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

  return (
    <div className="space-y-4">
      {message.seen ? null : <MarkReadOnOpen id={message.id} />}
      <PageHeader
        title={message.subject || tc('noSubject')}
        actions={
          <>
            <Link href="/inbox" className="self-center text-sm text-indigo-700 hover:underline">
              {t('back')}
            </Link>
            <ButtonLink href={`/inbox/messages/${message.id}/reply`} variant="secondary">
              {t('reply')}
            </ButtonLink>
            <ButtonLink href={`/inbox/messages/${message.id}/reply?mode=all`} variant="secondary">
              {t('replyAll')}
            </ButtonLink>
            <ButtonLink href={`/inbox/messages/${message.id}/reply?mode=forward`} variant="secondary">
              {t('forward')}
            </ButtonLink>
            <form action={markUnreadAction}>
              <input type="hidden" name="id" value={message.id} />
              <Button type="submit" variant="secondary">
                {t('markUnread')}
              </Button>
            </form>
          </>
        }
      />
      {sent ? <Alert kind="success">{t('sentNotice')}</Alert> : null}
      {others.length > 1 || pending.length > 0 ? (
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-600">
            {t('conversation', { count: others.length + pending.length })}
          </h2>
          <ol className="space-y-1 text-sm">
            {others.map((m) => (
              <li key={m.id} className={m.id === message.id ? 'font-semibold' : ''}>
                <Link href={`/inbox/messages/${m.id}`} className="hover:underline">
                  {formatDate(format, m.receivedAt)} · {m.from.name || m.from.address} ·{' '}
                  {m.subject || tc('noSubject')}
                </Link>{' '}
                <Badge tone="indigo">{names.get(m.integrationId) ?? '?'}</Badge>
                {m.seen ? null : <Badge tone="sky">{t('unread')}</Badge>}
                {ours.has(m.id) ? (
                  <>
                    {' '}
                    <Badge tone="green">{t('sentFromMailroom')}</Badge>{' '}
                    <StatusBadge status={ours.get(m.id)!.status} />
                  </>
                ) : null}
              </li>
            ))}
            {pending.map((r) => (
              <li key={r.id} data-testid="thread-reply">
                <Link href={`/outbox/${r.id}`} className="hover:underline">
                  {formatDate(format, r.sentAt ?? r.createdAt)} · {r.to.join(', ')} ·{' '}
                  {r.subject || tc('noSubject')}
                </Link>{' '}
                <Badge tone="green">{t('sentFromMailroom')}</Badge> <StatusBadge status={r.status} />
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
      <Card>
        <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">{t('from')}</dt>
          <dd data-testid="message-from">{addresses([message.from])}</dd>
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
            {names.get(message.integrationId) ?? '?'} / {message.folder}
          </dd>
        </dl>
      </Card>
      {message.automatic === 'auto-reply' ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {t('autoReplyNotice')}
        </p>
      ) : null}
      {message.automatic === 'bounce' || message.automatic === 'delivery-report' ? (
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-600" data-testid="bounce-title">
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
        <Card>
          <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
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
            testId="message-html"
          />
        </Card>
      ) : (
        <Card>
          <pre className="whitespace-pre-wrap break-words text-sm" data-testid="message-text">
            {message.text || t('noText')}
          </pre>
        </Card>
      )}
      {message.attachments.some((a) => !a.inline) ? (
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-600">{t('attachments')}</h2>
          <ul className="space-y-1 text-sm">
            {message.attachments
              .filter((a) => !a.inline)
              .map((a) => (
                <li key={a.id}>
                  <a className="text-indigo-700 underline" href={a.url} data-testid="attachment-link">
                    {a.filename}
                  </a>{' '}
                  <span className="text-slate-500">
                    ({a.contentType}, {formatSize(format, a.size)})
                  </span>
                </li>
              ))}
          </ul>
        </Card>
      ) : null}
      {message.html && message.text ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-600">{t('textVersion')}</summary>
          <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{message.text}</pre>
        </details>
      ) : null}
    </div>
  );
}
