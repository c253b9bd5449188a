import Link from 'next/link';
import { Button, ButtonLink, formatDate, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { ConnectAccounts, ReconnectLink } from '../../senders/connect-accounts';
import { syncAllMailboxesAction, syncMailboxAction } from './actions';
import { MailboxStatusBadge } from './status-badge';

export const metadata = { title: 'Mailboxes' };

export default async function MailboxesPage() {
  const { ctx } = await requireSessionOrg();
  const mailboxes = await listIntegrations(getDb(), ctx);
  const canManage = ctx.role !== 'member';
  return (
    <div className="space-y-6">
      <PageHeader
        title="Mailboxes"
        description="The IMAP mailboxes whose mail arrives in the shared inbox. The worker checks each one at its interval; failing ones are retried less and less often."
        actions={
          <>
            <form action={syncAllMailboxesAction}>
              <Button type="submit" variant="secondary">
                Sync all now
              </Button>
            </form>
            {canManage ? <ButtonLink href="/inbox/mailboxes/new">Connect a mailbox</ButtonLink> : null}
          </>
        }
      />
      {canManage ? <ConnectAccounts defaultPurpose="receive" /> : null}
      <Table
        head={['Mailbox', 'Status', 'Last sync', 'Messages', 'Next check', '']}
        empty={mailboxes.length === 0 ? 'No mailbox connected yet.' : undefined}
      >
        {mailboxes.map((m) => (
          <tr key={m.id} data-testid="mailbox-row">
            <td className="px-4 py-2">
              <Link href={`/inbox/mailboxes/${m.id}`} className="font-medium text-indigo-700 hover:underline">
                {m.name}
              </Link>
              <p className="text-xs text-slate-500">
                {m.username} · {m.host}:{m.port} · {m.folders.join(', ')}
              </p>
            </td>
            <td className="px-4 py-2">
              <MailboxStatusBadge mailbox={m} />
              {m.lastError ? (
                <p className="mt-1 max-w-md text-xs text-red-700" data-testid="mailbox-error">
                  {m.lastError}
                </p>
              ) : null}
              {canManage &&
              (m.preset === 'gmail' || m.preset === 'outlook') &&
              m.lastError?.includes('connected again') ? (
                <ReconnectLink provider={m.preset === 'gmail' ? 'google' : 'microsoft'} />
              ) : null}
            </td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDate(m.lastSyncAt)}</td>
            <td className="px-4 py-2 text-slate-600">
              {m.counts.messages}
              {m.counts.quarantined ? (
                <span className="text-amber-700"> (+{m.counts.quarantined} quarantined)</span>
              ) : null}
            </td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              {m.active ? formatDate(m.nextSyncAt) : '—'}
            </td>
            <td className="px-4 py-2 text-right">
              <form action={syncMailboxAction}>
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="secondary">
                  Sync now
                </Button>
              </form>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
