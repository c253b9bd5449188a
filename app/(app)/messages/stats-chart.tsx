'use client';

// The statistics of a message or a period as bars, in the viewer's words.
import { useTranslations } from 'next-intl';
import { BarChart } from '@/app/components/charts/bar-chart';
import type { BroadcastStats } from '@/lib/broadcasts/broadcast.schema';

const COLORS = {
  sent: '#16a34a',
  delivered: '#0ea5e9',
  failed: '#dc2626',
  skipped: '#f59e0b',
  readHuman: '#6366f1',
  readMachine: '#94a3b8',
};

/** One group of bars per channel: one message's statistics. */
export function ChannelChart({ stats }: { stats: BroadcastStats }) {
  const t = useTranslations('broadcasts');
  const data = (['email', 'sms'] as const).map((c) => ({
    channel: t(c === 'email' ? 'channelEmail' : 'channelSms'),
    ...stats[c],
  }));
  return (
    <BarChart
      label={t('chartLabel')}
      data={data}
      xKey="channel"
      series={(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => ({
        key: k,
        label: t(`stat.${k}`),
        color: COLORS[k],
      }))}
    />
  );
}

/** One group of bars per day: a period's statistics, both channels added up. */
export function PeriodChart({ days }: { days: ({ day: string } & BroadcastStats)[] }) {
  const t = useTranslations('broadcasts');
  const data = days.map((d) => ({
    day: d.day.slice(5),
    emailSent: d.email.sent,
    smsSent: d.sms.sent,
    failed: d.email.failed + d.sms.failed,
    skipped: d.email.skipped + d.sms.skipped,
    readHuman: d.email.readHuman,
  }));
  return (
    <BarChart
      label={t('chartLabel')}
      data={data}
      xKey="day"
      series={[
        { key: 'emailSent', label: t('stat.emailSent'), color: '#16a34a', stack: 'sent' },
        { key: 'smsSent', label: t('stat.smsSent'), color: '#0ea5e9', stack: 'sent' },
        { key: 'failed', label: t('stat.failed'), color: COLORS.failed },
        { key: 'skipped', label: t('stat.skipped'), color: COLORS.skipped },
        { key: 'readHuman', label: t('stat.readHuman'), color: COLORS.readHuman },
      ]}
    />
  );
}
