import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MailView } from '@/app/components/mail-view';
import { orNotFound } from '@/app/or-not-found';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';
import { getDb } from '@/lib/db/client';
import { readPreviewMessage } from '@/lib/mail/read-preview-messages';

export const dynamic = 'force-dynamic';

export default async function SystemMailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!canReadSystemMailbox(await headers())) notFound();
  const { id } = await params;
  const message = await orNotFound(readPreviewMessage(getDb(), { kind: 'system' }, id));
  const t = await getTranslations('systemMailbox');
  return (
    <div className="mx-auto max-w-4xl space-y-4 px-6 py-10">
      <div className="flex justify-between text-sm">
        <Link href="/mailbox" className="text-indigo-700 underline">
          {t('backToList')}
        </Link>
        <a href={`/mailbox/${id}/raw`} className="text-indigo-700 underline">
          {t('downloadEml')}
        </a>
      </div>
      <MailView message={message} />
    </div>
  );
}
