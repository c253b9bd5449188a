import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { roleEnum } from '@/lib/db/schema/orgs';
import { formatDate } from '@/lib/i18n/format-date';
import { listMembers, listPendingInvitations } from '@/lib/orgs/list-members';
import { mayManage } from '@/lib/orgs/lock-member';
import { revokeInvitationAction } from './actions';
import { InviteForm } from './invite-form';
import { MemberControls } from './member-controls';

export const generateMetadata = pageTitle('members');

export default async function MembersPage() {
  const { ctx, user } = await requireSessionOrg();
  const db = getDb();
  const [members, invitations] = await Promise.all([listMembers(db, ctx), listPendingInvitations(db, ctx)]);
  const [t, tRole, format] = await Promise.all([
    getTranslations('members'),
    getTranslations('roles'),
    getFormatter(),
  ]);
  const canInvite = ctx.role !== 'member';
  // The last owner can be neither demoted nor removed: no controls that would only be refused.
  const lastOwner = (m: (typeof members)[number]) =>
    m.role === 'owner' && members.filter((o) => o.role === 'owner').length === 1;
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      {canInvite ? (
        <Card>
          <h2 className="mb-3 font-medium">{t('inviteTitle')}</h2>
          <InviteForm canInviteOwner={ctx.role === 'owner'} />
        </Card>
      ) : null}
      <Table head={[t('email'), t('name'), t('role'), t('joined'), '']}>
        {members.map((m) => (
          <tr key={m.userId} data-testid={`member-${m.email}`}>
            <td className="px-4 py-2">{m.email}</td>
            <td className="px-4 py-2">{m.name ?? '—'}</td>
            <td className="px-4 py-2">
              <Badge tone={m.role === 'owner' ? 'indigo' : m.role === 'admin' ? 'sky' : 'slate'}>
                {tRole(m.role)}
              </Badge>
            </td>
            <td className="px-4 py-2 text-slate-600">{formatDate(format, m.joinedAt)}</td>
            <td className="px-4 py-2">
              <MemberControls
                userId={m.userId}
                email={m.email}
                role={m.role}
                roles={
                  lastOwner(m) ? [] : roleEnum.enumValues.filter((r) => r === m.role || mayManage(ctx, m, r))
                }
                canRemove={!lastOwner(m) && mayManage(ctx, m, 'remove')}
                isSelf={m.userId === user.id}
              />
            </td>
          </tr>
        ))}
      </Table>
      {invitations.length > 0 ? (
        <>
          <h2 className="font-medium">{t('pending')}</h2>
          <Table head={[t('email'), t('role'), t('expires'), '']}>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td className="px-4 py-2">{i.email}</td>
                <td className="px-4 py-2">{tRole(i.role)}</td>
                <td className="px-4 py-2 text-slate-600">{formatDate(format, i.expiresAt)}</td>
                <td className="px-4 py-2 text-right">
                  {canInvite ? (
                    <form action={revokeInvitationAction}>
                      <input type="hidden" name="id" value={i.id} />
                      <Button type="submit" variant="danger">
                        {t('withdraw')}
                      </Button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </div>
  );
}
