import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { inboxPresets } from '@/lib/inbox/presets';
import { listSenders } from '@/lib/outbox/list-senders';
import { MailboxForm } from '../mailbox-form';

export const generateMetadata = pageTitle('newMailbox');

export default async function NewMailboxPage() {
  const { ctx } = await requireSessionOrg();
  const [t, senders] = await Promise.all([getTranslations('mailboxes'), listSenders(getDb(), ctx)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('connect')}
        description={t('newDescription')}
        actions={
          <Link href="/inbox/mailboxes" className="text-sm text-indigo-700 hover:underline">
            {t('all')}
          </Link>
        }
      />
      <Card>
        <MailboxForm
          presets={inboxPresets}
          senders={senders.map((s) => ({ id: s.id, label: `${s.name} <${s.fromAddress}>` }))}
        />
      </Card>
    </div>
  );
}
