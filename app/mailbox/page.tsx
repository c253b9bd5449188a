// The system preview mailbox, like a local Mailpit: sign-in links and invitations that Mailroom
// "sent" while no SMTP_URL is configured. The person reading it is not signed in yet, so it is
// served only to this machine in development (lib/auth/system-mailbox-access.ts); elsewhere a 404.
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader, Table } from '@/app/components/ui';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listPreviewMessages } from '@/lib/mail/read-preview-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('systemMailbox'))('metaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function SystemMailboxPage() {
  if (!canReadSystemMailbox(await headers())) notFound();
  const messages = await listPreviewMessages(getDb(), { kind: 'system' });
  const [t, tc, format] = await Promise.all([
    getTranslations('systemMailbox'),
    getTranslations('common'),
    getFormatter(),
  ]);
  return (
    <div className="mx-auto max-w-4xl px-6 py-10">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link href="/signin" className="text-sm text-indigo-700 underline">
            {t('backToSignIn')}
          </Link>
        }
      />
      <Table
        head={[t('received'), t('to'), t('subject')]}
        empty={messages.length === 0 ? t('empty') : undefined}
      >
        {messages.map((m) => (
          <tr key={m.id}>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDate(format, m.createdAt)}</td>
            <td className="px-4 py-2">{m.to.join(', ')}</td>
            <td className="px-4 py-2">
              <Link href={`/mailbox/${m.id}`} className="text-indigo-700 hover:underline">
                {m.subject || tc('noSubject')}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
