import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { instantToZonedLocal } from '@/lib/i18n/zoned-time';
import { editorHtmlOf } from '@/lib/mail/composed-body';
import { getMessage } from '@/lib/outbox/get-message';
import { EditScheduledForm } from './edit-form';

export const generateMetadata = pageTitle('compose');

const line = (a: { address: string; name?: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

export default async function EditScheduledPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, org } = await requireSessionOrg();
  const { id } = await params;
  const { message: m } = await orNotFound(getMessage(getDb(), ctx, id));
  // Only a message still waiting for its time can change; any other shows its own page.
  if (m.status !== 'scheduled') redirect(`/outbox/${m.id}`);
  const t = await getTranslations('editScheduled');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <EditScheduledForm
          id={m.id}
          timeZone={org.timeZone}
          values={{
            to: m.to.map(line).join(', '),
            cc: m.cc.map(line).join(', '),
            bcc: m.bcc.map(line).join(', '),
            subject: m.subject,
            text: m.text ?? '',
            html: m.html ?? '',
            editorHtml: editorHtmlOf({ html: m.html, text: m.text }),
            sendAt: instantToZonedLocal(new Date(m.sendAt), org.timeZone),
          }}
        />
      </Card>
    </div>
  );
}
