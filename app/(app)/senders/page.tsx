import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Badge, Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';
import { getOutboxSettings } from '@/lib/outbox/get-outbox-settings';
import { getSenderUsage } from '@/lib/outbox/get-sender-usage';
import { listSenders } from '@/lib/outbox/list-senders';
import { AccountTable } from '../accounts/account-table';
import { ConnectAccounts, ReconnectLink } from './connect-accounts';
import { SenderForm } from './sender-form';
import { SettingsForm } from './settings-form';

export const generateMetadata = pageTitle('senders');

export default async function SendersPage({
  searchParams,
}: {
  searchParams: Promise<{ connected?: string; connect_error?: string }>;
}) {
  const { ctx } = await requireSessionOrg();
  const { connected, connect_error: connectError } = await searchParams;
  const db = getDb();
  const [senders, settings, connectedAccounts] = await Promise.all([
    listSenders(db, ctx),
    getOutboxSettings(db, ctx),
    listConnectedAccounts(db, ctx),
  ]);
  // A connected sender is reconnected as its connected account (so a mailbox sharing the grant keeps its scopes).
  const accountOf = new Map(connectedAccounts.filter((a) => a.sender).map((a) => [a.sender!.id, a]));
  const usage = await getSenderUsage(
    db,
    ctx,
    senders.map((s) => s.id),
  );
  const t = await getTranslations('senders');
  const canManage = ctx.role !== 'member';
  const defaultIsPreview = senders.find((s) => s.isDefault)?.kind !== 'smtp';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      {connected ? <Alert kind="success">{t('connected', { address: connected })}</Alert> : null}
      {connectError ? <Alert kind="error">{t('connectError', { reason: connectError })}</Alert> : null}
      <AccountTable
        channel="email"
        accounts={senders}
        canManage={canManage}
        serverHead={t('server')}
        empty={t('empty')}
        editHref={(s) => `/senders/${s.id}`}
        subtitle={(s) => (s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress)}
        testLabel={t('test')}
        confirmDelete={(s) => t('confirmDelete', { name: `${s.name} <${s.fromAddress}>` })}
        server={(s) =>
          s.kind === 'preview' ? (
            <Link className="text-indigo-700 underline" href="/preview">
              {t('previewMailbox')}
            </Link>
          ) : s.kind === 'gmail' ? (
            t('gmailServer')
          ) : s.kind === 'microsoft' && !s.host ? (
            // Sent through Graph (MICROSOFT_SEND_VIA=graph): no SMTP server to show.
            t('microsoftGraphServer')
          ) : (
            <>
              {s.kind === 'microsoft' ? t('microsoftPrefix') : ''}
              {s.host}:{s.port} · {t('serverSecurity', { security: s.security ?? 'none' })}
              <br />
              {s.username ?? t('noSignIn')}
              {s.hasPassword ? t('passwordStored') : ''}
            </>
          )
        }
        limits={(s) => (
          <>
            <span data-testid="usage-minute">
              {s.ratePerMinute
                ? t('usagePerMinute', { used: usage.get(s.id)?.lastMinute ?? 0, limit: s.ratePerMinute })
                : t('usageMinuteNoLimit', { used: usage.get(s.id)?.lastMinute ?? 0 })}
            </span>
            <br />
            <span data-testid="usage-day">
              {s.ratePerDay
                ? t('usagePerDay', { used: usage.get(s.id)?.lastDay ?? 0, limit: s.ratePerDay })
                : t('usageDayNoLimit', { used: usage.get(s.id)?.lastDay ?? 0 })}
            </span>
          </>
        )}
        statusNote={(s) =>
          s.needsReconnect ? (
            <div className="mb-1 space-y-1">
              <Badge tone="red">{t('needsReconnect')}</Badge>
              <p className="max-w-xs text-slate-600">{s.needsReconnect}</p>
              {canManage && accountOf.has(s.id) ? (
                <ReconnectLink provider={accountOf.get(s.id)!.provider} accountId={accountOf.get(s.id)!.id} />
              ) : null}
            </div>
          ) : null
        }
      />
      {canManage ? (
        <>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t('connectTitle')}</h2>
            <ConnectAccounts />
          </Card>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t('addTitle')}</h2>
            <SenderForm presets={smtpPresets} suggestDefault={defaultIsPreview} />
          </Card>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t('deliveryTitle')}</h2>
            <SettingsForm maxAttempts={settings.maxAttempts} />
          </Card>
        </>
      ) : (
        <p className="text-sm text-slate-600">{t('onlyAdmins')}</p>
      )}
    </div>
  );
}
