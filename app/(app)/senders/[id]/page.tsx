import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, PageHeader } from '@/app/components/ui';
import { AppError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { getSender } from '@/lib/outbox/get-sender';
import { SenderForm } from '../sender-form';

export const metadata = { title: 'Edit sender account' };

export default async function EditSenderPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const sender = await getSender(getDb(), ctx, id).catch((error) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
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
