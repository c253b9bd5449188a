import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { MailView } from '@/app/components/mail-view';
import { pageTitle } from '@/app/components/page-title';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { readPreviewMessage } from '@/lib/mail/read-preview-messages';

export const generateMetadata = pageTitle('preview');

export default async function PreviewMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const message = await orNotFound(readPreviewMessage(getDb(), { kind: 'org', ctx }, id));
  const t = await getTranslations('previewMail');
  return (
    <div className="space-y-4">
      <div className="flex justify-between text-sm">
        <Link href="/preview" className="text-indigo-700 underline">
          {t('backToList')}
        </Link>
        <a href={`/preview/${id}/raw`} className="text-indigo-700 underline">
          {t('downloadEml')}
        </a>
      </div>
      <MailView message={message} attachmentHref={(index) => `/preview/${id}/attachments/${index}`} />
    </div>
  );
}
