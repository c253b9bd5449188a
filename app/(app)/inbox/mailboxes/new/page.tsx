import Link from 'next/link';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { inboxPresets } from '@/lib/inbox/presets';
import { MailboxForm } from '../mailbox-form';

export const metadata = { title: 'Connect a mailbox' };

export default async function NewMailboxPage() {
  await requireSessionOrg();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Connect a mailbox"
        description="Mailroom reads the mailbox over IMAP and keeps a copy of its mail in the shared inbox. Nothing is deleted on the server."
        actions={
          <Link href="/inbox/mailboxes" className="text-sm text-indigo-700 hover:underline">
            All mailboxes
          </Link>
        }
      />
      <Card>
        <MailboxForm presets={inboxPresets} />
      </Card>
    </div>
  );
}
