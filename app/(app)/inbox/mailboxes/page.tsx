import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage } from '@/app/components/server-message';
import { Alert, Badge, Button, ButtonLink, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';
import { ConnectAccounts, ReconnectLink } from '../../senders/connect-accounts';
import { syncAllMailboxesAction, syncMailboxAction } from './actions';
import { MailboxStatusBadge } from './status-badge';

export const generateMetadata = pageTitle('mailboxes');

export default async function MailboxesPage({
  searchParams,
}: {
  searchParams: Promise<{ connected?: string }>;
}) {
  const { ctx } = await requireSessionOrg();
  const { connected } = await searchParams;
  const [mailboxes, accounts] = await Promise.all([
    listIntegrations(getDb(), ctx),
    listConnectedAccounts(getDb(), ctx),
  ]);
  // Reconnect is offered from the grant's status (the one the REST list shows), not from error text.
  const reconnect = new Map(
    accounts.filter((a) => a.mailbox && a.status === 'needs_reconnect').map((a) => [a.mailbox!.id, a]),
  );
  const [t, format] = await Promise.all([getTranslations('mailboxes'), getFormatter()]);
  const canManage = ctx.role !== 'member';
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <form action={syncAllMailboxesAction}>
              <Button type="submit" variant="secondary">
                {t('syncAll')}
              </Button>
            </form>
            {canManage ? <ButtonLink href="/inbox/mailboxes/new">{t('connect')}</ButtonLink> : null}
          </>
        }
      />
      {connected ? <Alert kind="success">{t('connected', { address: connected })}</Alert> : null}
      {canManage ? <ConnectAccounts defaultPurpose="receive" /> : null}
      <Table
        head={[t('mailbox'), t('status'), t('lastSync'), t('messages'), t('nextCheck'), '']}
        empty={mailboxes.length === 0 ? t('empty') : undefined}
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
                  <ServerMessage text={m.lastError} />
                </p>
              ) : null}
              {reconnect.has(m.id) ? (
                <p className="mt-1 flex items-center gap-2 text-xs" data-testid="mailbox-needs-reconnect">
                  <Badge tone="red">{t('needsReconnect')}</Badge>
                  {canManage ? (
                    <ReconnectLink
                      provider={reconnect.get(m.id)!.provider}
                      accountId={reconnect.get(m.id)!.id}
                    />
                  ) : null}
                </p>
              ) : null}
            </td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDate(format, m.lastSyncAt)}</td>
            <td className="px-4 py-2 text-slate-600">
              {format.number(m.counts.messages)}
              {m.counts.quarantined ? (
                <span className="text-amber-700">
                  {t('quarantinedCount', { count: m.counts.quarantined })}
                </span>
              ) : null}
            </td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              {m.active ? formatDate(format, m.nextSyncAt) : '—'}
            </td>
            <td className="px-4 py-2 text-right">
              <form action={syncMailboxAction}>
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="secondary">
                  {t('syncNow')}
                </Button>
              </form>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
