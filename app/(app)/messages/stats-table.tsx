import { getTranslations } from 'next-intl/server';
import { Table } from '@/app/components/ui';
import type { BroadcastStats } from '@/lib/broadcasts/broadcast.schema';

const ROWS = [
  'recipients',
  'sent',
  'delivered',
  'failed',
  'skipped',
  'pending',
  'cancelled',
  'readHuman',
  'readMachine',
  'opensHuman',
  'opensMachine',
] as const;

/** The numbers behind the chart (the same as GET …/stats returns). */
export async function StatsTable({ stats }: { stats: BroadcastStats }) {
  const t = await getTranslations('broadcasts');
  return (
    <Table head={['', t('channelEmail'), t('channelSms')]}>
      {ROWS.map((k) => (
        <tr key={k} data-testid={`stat-${k}`}>
          <td className="px-4 py-2 text-sm">{t(`stat.${k}`)}</td>
          <td className="px-4 py-2 text-sm tabular-nums">{stats.email[k]}</td>
          <td className="px-4 py-2 text-sm tabular-nums">{stats.sms[k]}</td>
        </tr>
      ))}
    </Table>
  );
}
