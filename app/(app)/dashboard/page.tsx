import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DailyChart } from '@/app/components/charts/daily-chart';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getLatestInvoiceRun, listFailedDeliveries } from '@/lib/bulk/list-failed-deliveries';
import { getDailyCounts } from '@/lib/dashboard/get-daily-counts';
import { getGettingStarted } from '@/lib/dashboard/get-getting-started';
import { listAttention } from '@/lib/dashboard/list-attention';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { getViewerLanguage } from '@/lib/i18n/get-viewer-language';
import { countUnread } from '@/lib/inbox/count-unread';
import { listMembers } from '@/lib/orgs/list-members';
import { listRuns } from '@/lib/progress/list-runs';
import { checkHealth } from '@/lib/runtime/check-health';
import { deliveryErrorKey } from '../runs/describe-delivery-error';
import { describeRun } from '../runs/describe-run';
import { runSummary } from '../runs/describe-run-event';
import { StatusBadge } from '../runs/run-progress';

export const generateMetadata = pageTitle('dashboard');

const FAILED_SHOWN = 5;

export default async function DashboardPage() {
  const { org, ctx } = await requireSessionOrg();
  const db = getDb();
  const { timeZone } = await getViewerLanguage();
  const [members, health, daily, attention, started, unread, recentRuns, lastInvoiceRun] = await Promise.all([
    listMembers(db, ctx),
    checkHealth(db),
    getDailyCounts(db, ctx, { days: 7, timeZone }),
    listAttention(db, ctx),
    getGettingStarted(db, ctx),
    countUnread(db, ctx),
    listRuns(db, ctx, { limit: 5 }),
    getLatestInvoiceRun(db, ctx),
  ]);
  const failedInvoices =
    lastInvoiceRun && lastInvoiceRun.failed > 0
      ? await listFailedDeliveries(db, ctx, lastInvoiceRun.id, { limit: FAILED_SHOWN })
      : [];
  const [t, tRole, tRuns, tStatus, tFailed, format] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('roles'),
    getTranslations('runs'),
    getTranslations('runStatus'),
    getTranslations('failedInvoices'),
    getFormatter(),
  ]);
  const today = daily[daily.length - 1] ?? { sent: 0, failed: 0, queued: 0 };
  const week = daily.reduce(
    (a, d) => ({ sent: a.sent + d.sent, failed: a.failed + d.failed, queued: a.queued + d.queued }),
    { sent: 0, failed: 0, queued: 0 },
  );
  const steps = [
    { key: 'stepSender', done: started.hasSender, href: '/senders' },
    { key: 'stepMailbox', done: started.hasMailbox, href: '/inbox/mailboxes/new' },
    { key: 'stepInvoices', done: started.hasInvoices, href: '/invoices/import' },
  ] as const;
  const showChecklist = steps.some((s) => !s.done);
  const nothingNeedsAttention =
    attention.senders.length === 0 && attention.mailboxes.length === 0 && failedInvoices.length === 0;
  return (
    <div className="space-y-6">
      <PageHeader title={org.name} description={t('description')} />

      {showChecklist ? (
        <Card>
          <section aria-labelledby="getting-started" data-testid="getting-started">
            <h2 id="getting-started" className="text-lg font-semibold">
              {t('gettingStarted')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('gettingStartedHint')}</p>
            <ol className="mt-3 space-y-2">
              {steps.map((s, i) => (
                <li key={s.key} className="flex items-center gap-3 text-sm" data-done={s.done}>
                  <span
                    aria-hidden="true"
                    className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                      s.done ? 'bg-green-600 text-white' : 'border border-slate-300 text-slate-600'
                    }`}
                  >
                    {s.done ? '✓' : String(i + 1)}
                  </span>
                  {s.done ? (
                    <span className="text-slate-500 line-through">{t(s.key)}</span>
                  ) : (
                    <Link href={s.href} className="text-indigo-700 hover:underline">
                      {t(s.key)}
                    </Link>
                  )}
                  <span className="sr-only">{s.done ? t('stepDone') : t('stepToDo')}</span>
                </li>
              ))}
            </ol>
          </section>
        </Card>
      ) : null}

      {/* Two by two on a phone: one per row made four screens of big zeros before the chart. */}
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        {(['sent', 'failed', 'queued'] as const).map((k) => (
          <Card key={k}>
            <p className="text-sm text-slate-500">{t(`${k}Today`)}</p>
            <p className="mt-1 text-3xl font-semibold" data-testid={`today-${k}`}>
              {format.number(today[k])}
            </p>
            <p className="mt-1 text-xs text-slate-500">{t('overWeek', { count: week[k] })}</p>
          </Card>
        ))}
        <Card>
          <p className="text-sm text-slate-500">{t('unread')}</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="unread-count">
            {format.number(unread)}
          </p>
          <Link href="/inbox?unread=1" className="mt-1 block text-xs text-indigo-700 hover:underline">
            {t('openInbox')}
          </Link>
        </Card>
      </div>

      <Card>
        <h2 className="text-lg font-semibold">{t('chartTitle')}</h2>
        <DailyChart
          title={t('chartTitle')}
          data={daily}
          series={[
            { key: 'sent', label: t('seriesSent'), color: '#16a34a' },
            { key: 'failed', label: t('seriesFailed'), color: '#dc2626' },
            { key: 'queued', label: t('seriesQueued'), color: '#6366f1' },
          ]}
        />
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <section aria-labelledby="attention" data-testid="attention">
            <h2 id="attention" className="text-lg font-semibold">
              {t('attention')}
            </h2>
            {nothingNeedsAttention ? <p className="mt-2 text-sm text-slate-600">{t('allGood')}</p> : null}
            <ul className="mt-2 space-y-3 text-sm">
              {attention.senders.map((s) => (
                <li key={s.id} data-testid="attention-sender" className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="red">{t(`senderProblem.${s.problem}`)}</Badge>
                    <Link href={`/senders/${s.id}`} className="break-all text-indigo-700 hover:underline">
                      {t('senderLink', { name: s.name, address: s.fromAddress })}
                    </Link>
                  </div>
                  {s.reason ? <p className="mt-1 break-words text-slate-600">{s.reason}</p> : null}
                  {s.problem === 'paused' && s.pausedUntil ? (
                    <p className="mt-1 text-xs text-slate-500">
                      {t('pausedUntil', { when: formatDate(format, s.pausedUntil) })}
                    </p>
                  ) : null}
                </li>
              ))}
              {attention.mailboxes.map((m) => (
                <li key={m.id} data-testid="attention-mailbox" className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="red">{t(`mailboxProblem.${m.problem}`)}</Badge>
                    <Link
                      href={`/inbox/mailboxes/${m.id}`}
                      className="break-all text-indigo-700 hover:underline"
                    >
                      {t('senderLink', { name: m.name, address: m.username })}
                    </Link>
                  </div>
                  {m.reason ? <p className="mt-1 break-words text-slate-600">{m.reason}</p> : null}
                </li>
              ))}
            </ul>
            {lastInvoiceRun && failedInvoices.length > 0 ? (
              <div className="mt-4" data-testid="attention-invoices">
                <h3 className="text-sm font-semibold">
                  <Link href={`/runs/${lastInvoiceRun.id}`} className="text-indigo-700 hover:underline">
                    {t('failedInvoices', { count: lastInvoiceRun.failed })}
                  </Link>
                </h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {failedInvoices.map((f) => (
                    <li key={f.invoiceId} className="break-words">
                      <span className="font-medium">{f.clientName}</span>
                      {/* The reason in words, as on the run's page; the server's own answer under it. */}
                      {t('failedInvoiceLine', {
                        recipients: f.recipients.join(', '),
                        reason: tFailed(`reason.${deliveryErrorKey(f.error)}`),
                      })}
                      {f.error ? (
                        <span className="block text-xs text-slate-500">
                          {tFailed('serverSaid', { said: f.error })}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        </Card>

        <Card>
          <section aria-labelledby="last-runs">
            <h2 id="last-runs" className="text-lg font-semibold">
              {t('lastRuns')}
            </h2>
            {recentRuns.length === 0 ? <p className="mt-2 text-sm text-slate-600">{tRuns('empty')}</p> : null}
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {recentRuns.map((run) => (
                <li key={run.id} className="py-2" data-testid="dashboard-run">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link
                      href={`/runs/${run.id}`}
                      className="min-w-0 break-words text-indigo-700 hover:underline"
                    >
                      {describeRun(tRuns, run)}
                    </Link>
                    <StatusBadge status={run.status} label={tStatus(run.status)} />
                  </div>
                  <p className="text-xs text-slate-500">
                    {formatDate(format, run.createdAt)}
                    {' · '}
                    {runSummary(tRuns, run.kind, run)}
                  </p>
                </li>
              ))}
            </ul>
            <Link href="/runs" className="mt-2 block text-sm text-indigo-700 hover:underline">
              {tRuns('allRuns')}
            </Link>
          </section>
        </Card>
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-500">{t('members')}</p>
          <p className="mt-1 text-3xl font-semibold">{members.length}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">{t('worker')}</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="worker-status">
            {health.worker.status === 'up' ? t('workerUp') : t('workerDown')}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">{t('yourRole')}</p>
          <p className="mt-1 text-3xl font-semibold first-letter:uppercase">{tRole(org.role)}</p>
        </Card>
      </div>
    </div>
  );
}
