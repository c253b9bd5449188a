import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { getSmsAccount } from '@/lib/outbox/get-sms-account';
import { SmsAccountForm } from '../sms-account-form';

export const generateMetadata = pageTitle('smsAccount');

export default async function EditSmsAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const account = await orNotFound(getSmsAccount(getDb(), ctx, id));
  const t = await getTranslations('smsAccounts');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('editTitle', { name: account.name })}
        actions={
          <Link href="/sms-accounts" className="text-sm text-indigo-700 underline">
            {t('backToList')}
          </Link>
        }
      />
      <Card>
        <SmsAccountForm account={account} />
      </Card>
    </div>
  );
}
