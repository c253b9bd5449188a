import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDate, PageHeader } from '@/app/components/ui';
import { AppError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import type { Run } from '@/lib/db/schema/progress';
import { getRun, toRunView } from '@/lib/progress/get-run';
import { describeRun } from '../describe-run';
import { RunProgress } from '../run-progress';

export const metadata = { title: 'Run progress' };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireSessionOrg();
  let run: Run;
  try {
    run = await getRun(getDb(), ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader
        title={describeRun(run)}
        description={`Started ${formatDate(run.createdAt)}`}
        actions={
          <Link href="/runs" className="text-sm text-indigo-700 hover:underline">
            All runs
          </Link>
        }
      />
      <RunProgress initial={toRunView(run)} />
    </>
  );
}
