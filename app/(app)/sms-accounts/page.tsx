import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listSmsAccounts } from '@/lib/outbox/list-sms-accounts';
import { AccountTable } from '../accounts/account-table';
import { SmsAccountForm } from './sms-account-form';

export const generateMetadata = pageTitle('smsAccounts');

export default async function SmsAccountsPage() {
  const { ctx } = await requireSessionOrg();
  const accounts = await listSmsAccounts(getDb(), ctx);
  const t = await getTranslations('smsAccounts');
  const canManage = ctx.role !== 'member';
  const defaultIsPreview = accounts.find((a) => a.isDefault)?.provider === 'preview';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <AccountTable
        channel="sms"
        accounts={accounts}
        canManage={canManage}
        serverHead={t('provider')}
        empty={t('empty')}
        editHref={(a) => `/sms-accounts/${a.id}`}
        subtitle={(a) => t('sentAs', { from: a.from })}
        testLabel={t('test')}
        confirmDelete={(a) => t('confirmDelete', { name: a.name })}
        server={(a) =>
          a.provider === 'preview' ? (
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
          )
        }
        limits={(a) => (
          <>
            {a.ratePerMinute ? t('perMinute', { count: a.ratePerMinute }) : t('noPerMinute')}
            <br />
            {a.ratePerDay ? t('perDay', { count: a.ratePerDay }) : t('noPerDay')}
            <br />
            {t('segmentsAtMost', { count: a.maxSegments })}
          </>
        )}
      />
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
