import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Button, Field, Input, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { periodStatsQuery } from '@/lib/broadcasts/broadcast.schema';
import { getPeriodStats } from '@/lib/broadcasts/get-period-stats';
import { getDb } from '@/lib/db/client';
import { PeriodChart } from '../stats-chart';
import { StatsTable } from '../stats-table';

export const generateMetadata = pageTitle('broadcastStats');

export default async function BroadcastStatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const parsed = periodStatsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const [t, stats] = await Promise.all([
    getTranslations('broadcasts'),
    getPeriodStats(getDb(), ctx, query).catch(() => getPeriodStats(getDb(), ctx, {})),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('statsTitle')}
        description={t('statsDescription', { from: stats.from, to: stats.to, messages: stats.messages })}
        actions={
          <Link href="/messages" className="text-sm text-indigo-700 hover:underline">
            {t('allMessages')}
          </Link>
        }
      />
      <form className="flex flex-wrap items-end gap-3">
        <Field label={t('from')}>
          <Input type="date" name="from" defaultValue={stats.from} />
        </Field>
        <Field label={t('to')}>
          <Input type="date" name="to" defaultValue={stats.to} />
        </Field>
        <Button type="submit" variant="secondary">
          {t('show')}
        </Button>
      </form>
      <PeriodChart days={stats.days} />
      <StatsTable stats={stats.totals} />
    </div>
  );
}
