import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listMembers } from '@/lib/orgs/list-members';
import { checkHealth } from '@/lib/runtime/check-health';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { org, ctx } = await requireSessionOrg();
  const db = getDb();
  const [members, health] = await Promise.all([listMembers(db, ctx), checkHealth(db)]);
  return (
    <>
      <PageHeader title={org.name} description="Your organisation at a glance." />
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-500">Members</p>
          <p className="mt-1 text-3xl font-semibold">{members.length}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">Worker</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="worker-status">
            {health.worker.status === 'up' ? 'Running' : 'Not running'}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">Your role</p>
          <p className="mt-1 text-3xl font-semibold capitalize">{org.role}</p>
        </Card>
      </div>
    </>
  );
}
