import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage, serverMessageText } from '@/app/components/server-message';
import { Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listSmsAccounts } from '@/lib/outbox/list-sms-accounts';
import { makeDefaultSmsAccountAction, resumeSmsAccountAction } from './actions';
import { SmsAccountActions } from './sms-account-actions';
import { SmsAccountForm } from './sms-account-form';

export const generateMetadata = pageTitle('smsAccounts');

export default async function SmsAccountsPage() {
  const { ctx } = await requireSessionOrg();
  const accounts = await listSmsAccounts(getDb(), ctx);
  const [t, format, tServer] = await Promise.all([
    getTranslations('smsAccounts'),
    getFormatter(),
    getTranslations('serverMessages'),
  ]);
  const canManage = ctx.role !== 'member';
  const defaultIsPreview = accounts.find((a) => a.isDefault)?.provider === 'preview';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Table
        head={[t('account'), t('provider'), t('limits'), t('status'), '']}
        empty={accounts.length ? undefined : t('empty')}
      >
        {accounts.map((a) => (
          <tr key={a.id} className="align-top">
            <td className="px-4 py-3">
              <p className="font-medium">
                {a.name} {a.isDefault ? <Badge tone="indigo">{t('default')}</Badge> : null}
              </p>
              <p className="text-xs text-slate-600">{t('sentAs', { from: a.from })}</p>
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
              {a.provider === 'preview' ? (
                <Link className="text-indigo-700 underline" href="/preview">
                  {t('previewMailbox')}
                </Link>
              ) : (
                <>
                  {a.provider === 'twilio' ? t('providerTwilio') : t('providerBrevo')}
                  {a.accountSid ? <br /> : null}
                  {a.accountSid}
                  <br />
                  {a.hasSecret ? t('secretStored') : t('noSecret')}
                  {canManage && a.webhookUrls ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-indigo-700">{t('webhooks')}</summary>
                      <p className="mt-1">{t('statusUrl')}</p>
                      <code className="block break-all">{a.webhookUrls.status}</code>
                      <p className="mt-1">
                        {a.provider === 'twilio' ? t('inboundUrlTwilio') : t('inboundUrlBrevo')}
                      </p>
                      <code className="block break-all">{a.webhookUrls.inbound}</code>
                    </details>
                  ) : null}
                </>
              )}
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
              {a.ratePerMinute ? t('perMinute', { count: a.ratePerMinute }) : t('noPerMinute')}
              <br />
              {a.ratePerDay ? t('perDay', { count: a.ratePerDay }) : t('noPerDay')}
              <br />
              {t('segmentsAtMost', { count: a.maxSegments })}
            </td>
            <td className="px-4 py-3 text-xs">
              {a.pausedUntil || a.unreachableSince ? (
                <div className="space-y-1">
                  <Badge tone="amber">
                    {a.unreachableSince
                      ? t('unreachableSince', {
                          since: formatDate(format, a.unreachableSince),
                          next: a.pausedUntil ? formatDate(format, a.pausedUntil) : t('nextTryNow'),
                        })
                      : t('pausedUntil', { when: formatDate(format, a.pausedUntil!) })}
                  </Badge>
                  <p className="max-w-xs text-slate-600">
                    <ServerMessage text={a.pauseReason} />
                  </p>
                  {canManage ? (
                    <form action={resumeSmsAccountAction}>
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" className="text-indigo-700 underline">
                        {t('resume')}
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : (
                <Badge tone="green">{t('active')}</Badge>
              )}
              {a.lastVerifiedAt ? (
                <p className={`mt-1 max-w-xs ${a.lastVerifyOk ? 'text-green-700' : 'text-red-700'}`}>
                  {t('tested', {
                    when: formatDate(format, a.lastVerifiedAt),
                    result: serverMessageText(tServer, a.lastVerifyMessage),
                  })}
                </p>
              ) : null}
            </td>
            <td className="px-4 py-3">
              {canManage ? (
                <div className="space-y-2">
                  <SmsAccountActions id={a.id} />
                  <div className="flex gap-3 text-sm">
                    <Link className="text-indigo-700 underline" href={`/sms-accounts/${a.id}`}>
                      {t('edit')}
                    </Link>
                    {a.isDefault ? null : (
                      <form action={makeDefaultSmsAccountAction}>
                        <input type="hidden" name="id" value={a.id} />
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
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t('addTitle')}</h2>
          <SmsAccountForm suggestDefault={defaultIsPreview} />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t('onlyAdmins')}</p>
      )}
    </div>
  );
}
