import { Badge } from '@/app/components/ui';
import type { IntegrationView } from '@/lib/inbox/integrations.schema';

const tones = { pending: 'slate', success: 'green', partial: 'amber', error: 'red' } as const;

/** The mailbox's sync status as a badge; "syncing" while a run holds it, "paused" when inactive. */
export function MailboxStatusBadge({ mailbox }: { mailbox: IntegrationView }) {
  if (mailbox.syncing) return <Badge tone="sky">syncing</Badge>;
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tones[mailbox.status]}>
        {mailbox.status === 'pending' ? 'not synced yet' : mailbox.status}
      </Badge>
      {mailbox.active ? null : <Badge tone="slate">paused</Badge>}
    </span>
  );
}
