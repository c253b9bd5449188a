import Link from 'next/link';
import { formatDate, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
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
  const run: Run = await orNotFound(getRun(getDb(), ctx, id));
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
