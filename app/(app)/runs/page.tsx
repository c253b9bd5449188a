import Link from 'next/link';
import { Card, formatDate, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listRuns } from '@/lib/progress/list-runs';
import { describeRun, runOutcome } from './describe-run';
import { StatusBadge } from './run-progress';

export const metadata = { title: 'Runs' };

export default async function RunsPage() {
  const { ctx } = await requireSessionOrg();
  const runs = await listRuns(getDb(), ctx, { limit: 200 });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Runs"
        description="Bulk sends and other long jobs, newest first. Open one to watch or review its progress."
        actions={
          <Link
            href="/invoices/send"
            className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Send invoices
          </Link>
        }
      />
      {runs.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No run yet.</p>
        </Card>
      ) : (
        <Table head={['Started', 'Run', 'Status', 'Outcome', 'Duration']}>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td className="px-4 py-2 text-slate-600">{formatDate(run.createdAt)}</td>
              <td className="px-4 py-2">
                <Link href={`/runs/${run.id}`} className="text-indigo-700 hover:underline">
                  {describeRun(run)}
                </Link>
              </td>
              <td className="px-4 py-2">
                <StatusBadge status={run.status} />
              </td>
              <td className="px-4 py-2">
                {runOutcome(run)}
                {run.status === 'running' ? ` (${run.processed} done)` : ''}
              </td>
              <td className="px-4 py-2 text-slate-600">
                {run.finishedAt ? duration(run.finishedAt.getTime() - run.startedAt.getTime()) : '—'}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
