import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listSenders } from '@/lib/outbox/list-senders';
import { MAX_ATTACHMENT_BYTES } from '@/lib/outbox/message.schema';
import { ComposeForm } from './compose-form';

export const generateMetadata = pageTitle('compose');

export default async function ComposePage() {
  const { ctx, org, user } = await requireSessionOrg();
  const senders = await listSenders(getDb(), ctx);
  const t = await getTranslations('compose');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      {senders.length === 0 ? (
        <Alert kind="info">{t('noSender')}</Alert>
      ) : (
        <Card>
          <ComposeForm
            timeZone={org.timeZone}
            me={user.email}
            maxAttachmentBytes={MAX_ATTACHMENT_BYTES}
            senders={senders.map((s) => ({
              id: s.id,
              label: `${s.name} — ${s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}${s.kind === 'preview' ? t('previewSuffix') : ''}`,
              isDefault: s.isDefault,
            }))}
          />
        </Card>
      )}
    </div>
  );
}
