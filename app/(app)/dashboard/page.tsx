import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listMembers } from '@/lib/orgs/list-members';
import { checkHealth } from '@/lib/runtime/check-health';

export const generateMetadata = pageTitle('dashboard');

export default async function DashboardPage() {
  const { org, ctx } = await requireSessionOrg();
  const db = getDb();
  const [members, health, t, tRole] = await Promise.all([
    listMembers(db, ctx),
    checkHealth(db),
    getTranslations('dashboard'),
    getTranslations('roles'),
  ]);
  return (
    <>
      <PageHeader title={org.name} description={t('description')} />
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-500">{t('members')}</p>
          <p className="mt-1 text-3xl font-semibold">{members.length}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">{t('worker')}</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="worker-status">
            {health.worker.status === 'up' ? t('workerUp') : t('workerDown')}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">{t('yourRole')}</p>
          <p className="mt-1 text-3xl font-semibold first-letter:uppercase">{tRole(org.role)}</p>
        </Card>
      </div>
    </>
  );
}
