import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConfirmButton } from '@/app/components/confirm-button';
import { HtmlFrame } from '@/app/components/html-frame';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage } from '@/app/components/server-message';
import { Button, ButtonLink, Card, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import type { AttemptOutcome } from '@/lib/db/schema/outbox';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';
import { sanitizeMessageHtml } from '@/lib/mail/sanitize-message-html';
import { getMessage } from '@/lib/outbox/get-message';
import { cancelMessageAction, retryMessageAction } from '../actions';
import { StatusBadge } from '../status-badge';

export const generateMetadata = pageTitle('message');

const address = (a: { address: string; name?: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const { message: m, attempts, events } = await orNotFound(getMessage(getDb(), ctx, id));
  const [t, tc, tQueue, tOutcome, format] = await Promise.all([
    getTranslations('message'),
    getTranslations('common'),
    getTranslations('queues'),
    getTranslations('attemptOutcome'),
    getFormatter(),
  ]);
  const when = (d: Date | string | null) => formatDate(format, d);
  const canCancel = m.status === 'scheduled' || m.status === 'queued';
  const canRetry = ['failed', 'expired', 'cancelled', 'queued'].includes(m.status);
  // A cancelled message whose time is still ahead: retry keeps the time, or sends now if chosen.
  const keepsTime = m.status === 'cancelled' && new Date(m.sendAt).getTime() > Date.now();
  return (
    <div className="space-y-4">
      <PageHeader
        title={m.subject || tc('noSubject')}
        description={t('to', { recipients: m.to.map(address).join(', ') || '—' })}
        actions={
          <>
            {m.status === 'scheduled' ? (
              <ButtonLink href={`/outbox/${m.id}/edit`} variant="secondary">
                {t('edit')}
              </ButtonLink>
            ) : null}
            {canCancel ? (
              <form action={cancelMessageAction}>
                <input type="hidden" name="id" value={m.id} />
                <ConfirmButton
                  type="submit"
                  variant="danger"
                  question={t('confirmCancel', { recipients: m.to.map(address).join(', ') })}
                >
                  {t('cancel')}
                </ConfirmButton>
              </form>
            ) : null}
            {keepsTime ? (
              <form action={retryMessageAction}>
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="secondary">
                  {t('retryAt', { when: when(m.sendAt) })}
                </Button>
              </form>
            ) : null}
            {canRetry ? (
              <form action={retryMessageAction}>
                <input type="hidden" name="id" value={m.id} />
                {keepsTime || m.status === 'queued' ? <input type="hidden" name="when" value="now" /> : null}
                {keepsTime ? (
                  <ConfirmButton
                    type="submit"
                    variant="secondary"
                    question={t('confirmSendNow', {
                      recipients: m.to.map(address).join(', '),
                      when: when(m.sendAt),
                    })}
                  >
                    {t('sendNow')}
                  </ConfirmButton>
                ) : (
                  <Button type="submit" variant="secondary">
                    {m.status === 'queued' ? t('sendNow') : t('retry')}
                  </Button>
                )}
              </form>
            ) : null}
          </>
        }
      />
      <Card>
        <dl className="grid grid-cols-1 gap-y-1.5 text-sm [overflow-wrap:anywhere] sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="text-slate-500">{t('status')}</dt>
          <dd data-testid="message-status">
            <StatusBadge status={m.status} />
            {m.lastError ? (
              <span className="ml-2 text-red-700">
                <ServerMessage text={m.lastError} />
              </span>
            ) : null}
          </dd>
          <dt className="text-slate-500">{t('from')}</dt>
          <dd>{address(m.from)}</dd>
          {m.cc.length ? (
            <>
              <dt className="text-slate-500">{t('cc')}</dt>
              <dd>{m.cc.map(address).join(', ')}</dd>
            </>
          ) : null}
          {m.bcc.length ? (
            <>
              <dt className="text-slate-500">{t('bcc')}</dt>
              <dd>{m.bcc.map(address).join(', ')}</dd>
            </>
          ) : null}
          {m.replyTo ? (
            <>
              <dt className="text-slate-500">{t('replyTo')}</dt>
              <dd>{m.replyTo}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t('messageId')}</dt>
          <dd className="break-all font-mono text-xs">{m.messageId}</dd>
          <dt className="text-slate-500">{t('providerId')}</dt>
          <dd className="break-all font-mono text-xs">{m.providerMessageId ?? '—'}</dd>
          <dt className="text-slate-500">{t('queue')}</dt>
          <dd>{tQueue(m.queue)}</dd>
          <dt className="text-slate-500">{t('attempts')}</dt>
          <dd>
            {t('attemptsValue', { attempts: m.attempts, max: m.maxAttempts })}
            {m.nextAttemptAt ? ` · ${t('nextAttempt', { when: when(m.nextAttemptAt) })}` : ''}
          </dd>
          <dt className="text-slate-500">{t('sendAt')}</dt>
          <dd>
            {when(m.sendAt)}
            {m.expiresAt ? ` · ${t('expires', { when: when(m.expiresAt) })}` : ''}
          </dd>
          <dt className="text-slate-500">{t('sent')}</dt>
          <dd>{when(m.sentAt)}</dd>
          {m.retryOf ? (
            <>
              <dt className="text-slate-500">{t('retryOf')}</dt>
              <dd>
                <Link className="text-indigo-700 underline" href={`/outbox/${m.retryOf}`}>
                  {t('original')}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Table
        head={[t('attemptNumber'), t('outcome'), t('started'), t('serverAnswer'), t('error')]}
        empty={attempts.length === 0 ? t('notTried') : undefined}
      >
        {attempts.map((a) => (
          <tr key={a.number}>
            <td className="px-4 py-2">{a.number}</td>
            <td className="px-4 py-2">{tOutcome(a.outcome as AttemptOutcome)}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{when(a.startedAt)}</td>
            <td className="px-4 py-2 font-mono text-xs">{a.response ?? '—'}</td>
            <td className="px-4 py-2 text-xs text-red-700">
              <ServerMessage text={a.error} />
            </td>
          </tr>
        ))}
      </Table>
      {m.suppressed.length > 0 ? (
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-600">{t('suppressedTitle')}</h2>
          <ul className="space-y-1 text-sm" data-testid="suppressed-recipients">
            {m.suppressed.map((s) => (
              <li key={s.address}>
                <span className="font-mono text-xs">{s.address}</span> ·{' '}
                {t('suppressedReason', { reason: s.reason, since: when(s.since) })}
                {s.detail ? <span className="text-slate-600"> · {s.detail}</span> : null}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            <Link href="/settings/suppressions" className="underline">
              {t('suppressedManage')}
            </Link>
          </p>
        </Card>
      ) : null}
      {events.length > 0 ? (
        <Table head={[t('eventKind'), t('eventRecipient'), t('eventAt'), t('eventDetail')]}>
          {events.map((e) => (
            <tr key={`${e.kind}-${e.recipient}-${e.at.toISOString()}`} data-testid="delivery-event">
              <td className="px-4 py-2">{t(`events.${e.kind}`)}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.recipient ?? '—'}</td>
              <td className="whitespace-nowrap px-4 py-2 text-slate-600">{when(e.at)}</td>
              <td className="px-4 py-2 text-xs">{e.detail ?? '—'}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {m.html ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{t('html')}</h3>
          <HtmlFrame title={t('htmlFrameTitle')} html={sanitizeMessageHtml(m.html)} className="h-96" />
        </Card>
      ) : null}
      <Card>
        <h3 className="mb-2 text-sm font-medium text-slate-600">{t('text')}</h3>
        <pre className="whitespace-pre-wrap break-words text-sm">{m.text || t('noText')}</pre>
      </Card>
      {m.attachments.length ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{t('attachments')}</h3>
          <ul className="space-y-1 text-sm">
            {m.attachments.map((f) => (
              <li key={f.id}>
                <a className="text-indigo-700 underline" href={`/outbox/${m.id}/attachments/${f.id}`}>
                  {f.filename}
                </a>{' '}
                <span className="text-slate-500">
                  ({f.contentType}, {formatSize(format, f.size)})
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {Object.keys(m.headers).length ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-600">
            {t('customHeaders')}
          </summary>
          <pre className="mt-2 whitespace-pre-wrap break-all text-xs">
            {Object.entries(m.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
