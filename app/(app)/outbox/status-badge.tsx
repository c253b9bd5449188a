import { useTranslations } from 'next-intl';
import { Badge } from '@/app/components/ui';
import type { MessageStatus } from '@/lib/db/schema/outbox';

const tones = {
  scheduled: 'indigo',
  queued: 'sky',
  sending: 'amber',
  sent: 'green',
  failed: 'red',
  cancelled: 'slate',
  expired: 'slate',
} as const satisfies Record<MessageStatus, string>;

export function StatusBadge({ status }: { status: MessageStatus }) {
  const t = useTranslations('messageStatus');
  return (
    <Badge tone={tones[status]}>
      <span data-status={status}>{t(status)}</span>
    </Badge>
  );
}
