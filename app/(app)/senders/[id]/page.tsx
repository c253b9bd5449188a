import Link from 'next/link';
import { Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { getSender } from '@/lib/outbox/get-sender';
import { SenderForm } from '../sender-form';

export const metadata = { title: 'Edit sender account' };

export default async function EditSenderPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const sender = await orNotFound(getSender(getDb(), ctx, id));
  return (
    <div className="space-y-4">
      <PageHeader
        title={`Edit ${sender.name}`}
        actions={
          <Link href="/senders" className="text-sm text-indigo-700 underline">
            ← Sender accounts
          </Link>
        }
      />
      <Card>
        <SenderForm presets={smtpPresets} sender={sender} />
      </Card>
    </div>
  );
}
