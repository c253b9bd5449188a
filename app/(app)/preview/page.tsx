import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listPreviewMessages } from '@/lib/mail/read-preview-messages';

export const generateMetadata = pageTitle('preview');

export default async function PreviewMailboxPage() {
  const { ctx } = await requireSessionOrg();
  const messages = await listPreviewMessages(getDb(), { kind: 'org', ctx }, 200);
  const [t, tc, format] = await Promise.all([
    getTranslations('previewMail'),
    getTranslations('common'),
    getFormatter(),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Table
        head={[t('received'), t('from'), t('to'), t('subject')]}
        empty={messages.length === 0 ? t('empty') : undefined}
      >
        {messages.map((m) => (
          <tr key={m.id}>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDate(format, m.createdAt)}</td>
            <td className="max-w-48 truncate px-4 py-2">{m.from}</td>
            <td className="max-w-64 truncate px-4 py-2">{m.to.join(', ')}</td>
            <td className="px-4 py-2">
              <Link href={`/preview/${m.id}`} className="text-indigo-700 hover:underline">
                {m.subject || tc('noSubject')}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
