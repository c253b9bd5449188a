import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Button, Card, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getGroup } from '@/lib/contacts/group-view';
import { listContacts } from '@/lib/contacts/list-contacts';
import { getDb } from '@/lib/db/client';
import { deleteGroupAction, removeMemberAction } from '../../actions';
import { GroupForm } from '../../group-form';

export const generateMetadata = pageTitle('contactGroup');

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const db = getDb();
  const group = await orNotFound(getGroup(db, ctx, id));
  const [members, t] = await Promise.all([
    listContacts(db, ctx, { groupId: id, limit: 500 }),
    getTranslations('contactGroups'),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={group.name}
        description={t('memberCount', { count: group.memberCount })}
        actions={
          <Link href="/contacts/groups" className="text-sm text-indigo-700 underline">
            {t('backToGroups')}
          </Link>
        }
      />
      <Card>
        <GroupForm group={group} />
      </Card>
      <p className="text-sm text-slate-600">{t('addHint')}</p>
      <Table
        head={[t('member'), t('email'), t('phone'), '']}
        empty={members.contacts.length ? undefined : t('noMembers')}
      >
        {members.contacts.map((c) => (
          <tr key={c.id} data-testid="member-row">
            <td className="px-4 py-3">
              <Link className="text-indigo-700 underline" href={`/contacts/${c.id}`}>
                {[c.firstName, c.lastName].filter(Boolean).join(' ') || '—'}
              </Link>
            </td>
            <td className="px-4 py-3 text-sm">{c.email ?? '—'}</td>
            <td className="px-4 py-3 font-mono text-sm">{c.phone ?? '—'}</td>
            <td className="px-4 py-3">
              <form action={removeMemberAction}>
                <input type="hidden" name="groupId" value={group.id} />
                <input type="hidden" name="contactId" value={c.id} />
                <button type="submit" className="text-sm text-red-700 underline">
                  {t('remove')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </Table>
      {members.nextCursor ? <p className="text-sm text-slate-600">{t('moreMembers')}</p> : null}
      <form action={deleteGroupAction}>
        <input type="hidden" name="id" value={group.id} />
        <Button type="submit" variant="danger">
          {t('delete')}
        </Button>
      </form>
    </div>
  );
}
