import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, ButtonLink, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listBroadcastsQuery } from '@/lib/broadcasts/broadcast.schema';
import { getBroadcastSettings } from '@/lib/broadcasts/get-broadcast-settings';
import { listBroadcasts } from '@/lib/broadcasts/list-broadcasts';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { describeReason } from './describe-reason';
import { statusTone } from './status-tone';
import { TrackingForm } from './tracking-form';

export const generateMetadata = pageTitle('broadcasts');

export default async function BroadcastsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const parsed = listBroadcastsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listBroadcastsQuery.parse({});
  const db = getDb();
  const [page, settings, t, tStatus, format] = await Promise.all([
    listBroadcasts(db, ctx, query),
    getBroadcastSettings(db, ctx),
    getTranslations('broadcasts'),
    getTranslations('broadcastStatus'),
    getFormatter(),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-wrap gap-3">
        <ButtonLink href="/messages/compose">{t('compose')}</ButtonLink>
        <ButtonLink href="/messages/stats" variant="secondary">
          {t('statistics')}
        </ButtonLink>
      </div>
      <Table
        head={[t('subjectOrContent'), t('channels'), t('status'), t('scheduledAt'), '']}
        empty={page.broadcasts.length === 0 ? t('empty') : undefined}
      >
        {page.broadcasts.map((b) => (
          <tr key={b.id} data-testid="broadcast-row">
            <td className="px-4 py-3 font-medium">{b.subject || b.content.slice(0, 80)}</td>
            <td className="px-4 py-3 text-sm">
              {b.channels.map((c) => t(c === 'email' ? 'channelEmail' : 'channelSms')).join(' + ')}
            </td>
            <td className="px-4 py-3 text-sm">
              <Badge tone={statusTone(b.status)}>{tStatus(b.status)}</Badge>{' '}
              <span className="text-slate-600">{describeReason(t, b.failureReason)}</span>
            </td>
            <td className="px-4 py-3 text-sm">{b.scheduledAt ? formatDate(format, b.scheduledAt) : '—'}</td>
            <td className="px-4 py-3 text-right text-sm">
              <Link className="text-indigo-700 hover:underline" href={`/messages/${b.id}`}>
                {t('open')}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
      {page.nextCursor ? (
        <Link className="text-sm text-indigo-700 underline" href={`/messages?cursor=${page.nextCursor}`}>
          {t('nextPage')}
        </Link>
      ) : null}
      <TrackingForm perPersonTracking={settings.perPersonTracking} smsStopMention={settings.smsStopMention} />
    </div>
  );
}
