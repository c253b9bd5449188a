import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, ButtonLink, Card, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getBroadcast } from '@/lib/broadcasts/get-broadcast';
import { getBroadcastStats } from '@/lib/broadcasts/get-broadcast-stats';
import { listRecipients } from '@/lib/broadcasts/list-recipients';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { getRun, toRunView } from '@/lib/progress/get-run';
import { RunProgress } from '../../runs/run-progress';
import { CancelBroadcastButton } from '../cancel-button';
import { describeReason } from '../describe-reason';
import { ChannelChart } from '../stats-chart';
import { StatsTable } from '../stats-table';
import { statusTone } from '../status-tone';

export const generateMetadata = pageTitle('broadcast');

export default async function BroadcastPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireSessionOrg();
  const db = getDb();
  const b = await orNotFound(getBroadcast(db, ctx, id));
  const [recipients, stats, run, t, tStatus, format] = await Promise.all([
    listRecipients(db, ctx, id, { limit: 1000 }),
    getBroadcastStats(db, ctx, id),
    b.runId ? getRun(db, ctx, b.runId) : Promise.resolve(null),
    getTranslations('broadcasts'),
    getTranslations('broadcastStatus'),
    getFormatter(),
  ]);
  const editable = b.status === 'draft' || b.status === 'scheduled';
  // A sent message whose recipients partly failed (also when reports came after it was sent) says so.
  const failed = stats.email.failed + stats.sms.failed;
  const handedOver = failed + stats.email.sent + stats.sms.sent;
  return (
    <div className="space-y-6">
      <PageHeader
        title={b.subject || b.content.slice(0, 80)}
        description={b.scheduledAt ? t('dueAt', { when: formatDate(format, b.scheduledAt) }) : t('noDate')}
        actions={
          <Link href="/messages" className="text-sm text-indigo-700 hover:underline">
            {t('allMessages')}
          </Link>
        }
      />
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={statusTone(b.status)}>
          <span data-testid="broadcast-status">{tStatus(b.status)}</span>
        </Badge>
        <span className="text-sm text-slate-600">{describeReason(t, b.failureReason)}</span>
        {b.status === 'sent' && failed > 0 ? (
          <span className="text-sm text-red-700" data-testid="broadcast-failures">
            {t('someFailed', { failed, total: handedOver })}
          </span>
        ) : null}
        {editable ? (
          <>
            <ButtonLink href={`/messages/compose?id=${b.id}`} variant="secondary">
              {t('edit')}
            </ButtonLink>
            <CancelBroadcastButton id={b.id} />
          </>
        ) : null}
      </div>
      <Card>
        <p className="whitespace-pre-wrap text-sm">{b.content}</p>
      </Card>
      {run ? <RunProgress initial={toRunView(run)} /> : null}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('statistics')}</h2>
        <ChannelChart stats={stats} />
        <StatsTable stats={stats} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('recipients')}</h2>
        <Table
          head={[t('name'), t('channel'), t('address'), t('status'), t('readAt')]}
          empty={recipients.recipients.length === 0 ? t('noRecipientsYet') : undefined}
        >
          {recipients.recipients.map((r) => (
            <tr key={r.id} data-testid="recipient-row">
              <td className="px-4 py-2 text-sm">{r.name || '—'}</td>
              <td className="px-4 py-2 text-sm">
                {t(r.channel === 'email' ? 'channelEmail' : 'channelSms')}
              </td>
              <td className="px-4 py-2 font-mono text-sm">{r.address ?? '—'}</td>
              <td className="px-4 py-2 text-sm">
                <Badge tone={statusTone(r.status)}>{tStatus(r.status)}</Badge>{' '}
                <span className="text-slate-600">{describeReason(t, r.reason)}</span>
              </td>
              <td className="px-4 py-2 text-sm">{r.readAt ? formatDate(format, r.readAt) : '—'}</td>
            </tr>
          ))}
        </Table>
      </section>
    </div>
  );
}
