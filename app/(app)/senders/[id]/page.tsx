import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { getSender } from '@/lib/outbox/get-sender';
import { NeedsReconnectNotice } from '../needs-reconnect-notice';
import { SenderForm } from '../sender-form';

export const generateMetadata = pageTitle('sender');

export default async function EditSenderPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const sender = await orNotFound(getSender(getDb(), ctx, id));
  const t = await getTranslations('senders');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('editTitle', { name: sender.name })}
        actions={
          <Link href="/senders" className="text-sm text-indigo-700 underline">
            {t('backToList')}
          </Link>
        }
      />
      <NeedsReconnectNotice ctx={ctx} use={{ senderId: sender.id }} />
      <Card>
        <SenderForm presets={smtpPresets} sender={sender} />
      </Card>
    </div>
  );
}
