import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listRuns } from '@/lib/progress/list-runs';
import { describeRun } from './describe-run';
import { formatDuration, runSummary } from './describe-run-event';
import { StatusBadge } from './run-progress';

export const generateMetadata = pageTitle('runs');

export default async function RunsPage() {
  const { ctx } = await requireSessionOrg();
  const runs = await listRuns(getDb(), ctx, { limit: 200 });
  const [t, tStatus, format] = await Promise.all([
    getTranslations('runs'),
    getTranslations('runStatus'),
    getFormatter(),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link
            href="/invoices/send"
            className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            {t('sendInvoices')}
          </Link>
        }
      />
      {runs.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('empty')}</p>
        </Card>
      ) : (
        <Table head={[t('started'), t('run'), t('status'), t('outcome'), t('duration')]}>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td className="px-4 py-2 text-slate-600">{formatDate(format, run.createdAt)}</td>
              <td className="px-4 py-2">
                <Link href={`/runs/${run.id}`} className="text-indigo-700 hover:underline">
                  {describeRun(t, run)}
                </Link>
              </td>
              <td className="px-4 py-2">
                <StatusBadge status={run.status} label={tStatus(run.status)} />
              </td>
              <td className="px-4 py-2">
                {runSummary(t, run.kind, run)}
                {run.status === 'running' ? t('doneSoFar', { count: run.processed }) : ''}
              </td>
              <td className="px-4 py-2 text-slate-600">
                {run.finishedAt ? formatDuration(t, run.finishedAt.getTime() - run.startedAt.getTime()) : '—'}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
