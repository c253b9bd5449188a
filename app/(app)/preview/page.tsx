import Link from 'next/link';
import { formatDate, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listPreviewMessages } from '@/lib/mail/read-preview-messages';

export const metadata = { title: 'Preview mail' };

export default async function PreviewMailboxPage() {
  const { ctx } = await requireSessionOrg();
  const messages = await listPreviewMessages(getDb(), { kind: 'org', ctx }, 200);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Preview mail"
        description="What this organisation sent through a preview account: kept here, whole, and never delivered. Add a real sender account to send for real."
      />
      <Table
        head={['Received', 'From', 'To', 'Subject']}
        empty={messages.length === 0 ? 'No mail yet.' : undefined}
      >
        {messages.map((m) => (
          <tr key={m.id}>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDate(m.createdAt)}</td>
            <td className="max-w-48 truncate px-4 py-2">{m.from}</td>
            <td className="max-w-64 truncate px-4 py-2">{m.to.join(', ')}</td>
            <td className="px-4 py-2">
              <Link href={`/preview/${m.id}`} className="text-indigo-700 hover:underline">
                {m.subject || '(no subject)'}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
