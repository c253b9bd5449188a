import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage, serverMessageText } from '@/app/components/server-message';
import { Alert, Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';
import { getOutboxSettings } from '@/lib/outbox/get-outbox-settings';
import { getSenderUsage } from '@/lib/outbox/get-sender-usage';
import { listSenders } from '@/lib/outbox/list-senders';
import { makeDefaultAction, resumeSenderAction } from './actions';
import { ConnectAccounts, ReconnectLink } from './connect-accounts';
import { SenderActions } from './sender-actions';
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
  const [t, format, tServer] = await Promise.all([
    getTranslations('senders'),
    getFormatter(),
    getTranslations('serverMessages'),
  ]);
  const canManage = ctx.role !== 'member';
  const defaultIsPreview = senders.find((s) => s.isDefault)?.kind !== 'smtp';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      {connected ? <Alert kind="success">{t('connected', { address: connected })}</Alert> : null}
      {connectError ? <Alert kind="error">{t('connectError', { reason: connectError })}</Alert> : null}
      <Table
        head={[t('account'), t('server'), t('limits'), t('status'), '']}
        empty={senders.length === 0 ? t('empty') : undefined}
      >
        {senders.map((s) => (
          <tr key={s.id} className="align-top">
            <td className="px-4 py-3">
              <p className="font-medium">
                {s.name} {s.isDefault ? <Badge tone="indigo">{t('default')}</Badge> : null}
              </p>
              <p className="text-xs text-slate-600">
                {s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}
              </p>
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
              {s.kind === 'preview' ? (
                <Link className="text-indigo-700 underline" href="/preview">
                  {t('previewMailbox')}
                </Link>
              ) : s.kind === 'gmail' ? (
                t('gmailServer')
              ) : (
                <>
                  {s.kind === 'microsoft' ? t('microsoftPrefix') : ''}
                  {s.host}:{s.port} · {s.security}
                  <br />
                  {s.username ?? t('noSignIn')}
                  {s.hasPassword ? t('passwordStored') : ''}
                </>
              )}
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
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
            </td>
            <td className="px-4 py-3 text-xs">
              {s.needsReconnect ? (
                <div className="mb-1 space-y-1">
                  <Badge tone="red">{t('needsReconnect')}</Badge>
                  <p className="max-w-xs text-slate-600">{s.needsReconnect}</p>
                  {canManage && accountOf.has(s.id) ? (
                    <ReconnectLink
                      provider={accountOf.get(s.id)!.provider}
                      accountId={accountOf.get(s.id)!.id}
                    />
                  ) : null}
                </div>
              ) : null}
              {s.pausedUntil || s.unreachableSince ? (
                <div className="space-y-1">
                  <Badge tone="amber">
                    {s.unreachableSince
                      ? t('unreachableSince', {
                          since: formatDate(format, s.unreachableSince),
                          next: s.pausedUntil ? formatDate(format, s.pausedUntil) : t('nextTryNow'),
                        })
                      : t('pausedUntil', { when: formatDate(format, s.pausedUntil!) })}
                  </Badge>
                  <p className="max-w-xs text-slate-600">
                    <ServerMessage text={s.pauseReason} />
                  </p>
                  {canManage ? (
                    <form action={resumeSenderAction}>
                      <input type="hidden" name="id" value={s.id} />
                      <button type="submit" className="text-indigo-700 underline">
                        {t('resume')}
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : (
                <Badge tone="green">{t('active')}</Badge>
              )}
              {s.lastVerifiedAt ? (
                <p className={`mt-1 max-w-xs ${s.lastVerifyOk ? 'text-green-700' : 'text-red-700'}`}>
                  {t('tested', {
                    when: formatDate(format, s.lastVerifiedAt),
                    result: serverMessageText(tServer, s.lastVerifyMessage),
                  })}
                </p>
              ) : null}
            </td>
            <td className="px-4 py-3">
              {canManage ? (
                <div className="space-y-2">
                  <SenderActions id={s.id} label={`${s.name} <${s.fromAddress}>`} />
                  <div className="flex gap-3 text-sm">
                    <Link className="text-indigo-700 underline" href={`/senders/${s.id}`}>
                      {t('edit')}
                    </Link>
                    {s.isDefault ? null : (
                      <form action={makeDefaultAction}>
                        <input type="hidden" name="id" value={s.id} />
                        <Button type="submit" variant="secondary" className="py-1">
                          {t('makeDefault')}
                        </Button>
                      </form>
                    )}
                  </div>
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
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
