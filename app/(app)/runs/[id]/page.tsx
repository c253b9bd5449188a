import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listFailedDeliveries } from '@/lib/bulk/list-failed-deliveries';
import { getDb } from '@/lib/db/client';
import type { Run } from '@/lib/db/schema/progress';
import { formatDate } from '@/lib/i18n/format-date';
import { getRun, toRunView } from '@/lib/progress/get-run';
import { describeRun } from '../describe-run';
import { RunProgress } from '../run-progress';

export const generateMetadata = pageTitle('run');

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireSessionOrg();
  const run: Run = await orNotFound(getRun(getDb(), ctx, id));
  const [t, format, failed] = await Promise.all([
    getTranslations('runs'),
    getFormatter(),
    run.kind === 'invoices' && run.failed > 0 ? listFailedDeliveries(getDb(), ctx, run.id) : [],
  ]);
  return (
    <>
      <PageHeader
        title={describeRun(t, run)}
        description={t('startedAt', { when: formatDate(format, run.createdAt) })}
        actions={
          <Link href="/runs" className="text-sm text-indigo-700 hover:underline">
            {t('allRuns')}
          </Link>
        }
      />
      <RunProgress initial={toRunView(run)} failedInvoices={failed} />
    </>
  );
}
