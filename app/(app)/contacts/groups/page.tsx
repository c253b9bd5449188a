import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';
import { GroupForm } from '../group-form';

export const generateMetadata = pageTitle('contactGroups');

export default async function GroupsPage() {
  const { ctx } = await requireSessionOrg();
  const [{ groups }, t] = await Promise.all([
    listGroups(getDb(), ctx, { limit: 500 }),
    getTranslations('contactGroups'),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link href="/contacts" className="text-sm text-indigo-700 underline">
            {t('backToContacts')}
          </Link>
        }
      />
      <Card>
        <GroupForm />
      </Card>
      <Table
        head={[t('name'), t('descriptionField'), t('members')]}
        empty={groups.length ? undefined : t('empty')}
      >
        {groups.map((g) => (
          <tr key={g.id} data-testid="group-row">
            <td className="px-4 py-3 font-medium">
              <Link className="text-indigo-700 underline" href={`/contacts/groups/${g.id}`}>
                {g.name}
              </Link>
            </td>
            <td className="px-4 py-3 text-sm">{g.description}</td>
            <td className="px-4 py-3 text-sm">{g.memberCount}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
