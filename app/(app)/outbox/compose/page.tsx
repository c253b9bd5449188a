import { Alert, Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listSenders } from '@/lib/outbox/list-senders';
import { ComposeForm } from './compose-form';

export const metadata = { title: 'Compose' };

export default async function ComposePage() {
  const { ctx } = await requireSessionOrg();
  const senders = await listSenders(getDb(), ctx);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Compose"
        description="The message goes to the outbox and out through the account you choose — now, or at the time you set."
      />
      {senders.length === 0 ? (
        <Alert kind="info">Add a sender account first (Sender accounts).</Alert>
      ) : (
        <Card>
          <ComposeForm
            senders={senders.map((s) => ({
              id: s.id,
              label: `${s.name} — ${s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}${s.kind === 'preview' ? ' (preview mailbox)' : ''}`,
              isDefault: s.isDefault,
            }))}
          />
        </Card>
      )}
    </div>
  );
}
