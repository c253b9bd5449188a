import { useTranslations } from 'next-intl';
import { Badge } from '@/app/components/ui';
import type { IntegrationView } from '@/lib/inbox/integrations.schema';

const tones = { pending: 'slate', success: 'green', partial: 'amber', error: 'red' } as const;

/** The mailbox's sync status as a badge; "syncing" while a run holds it, "paused" when inactive. */
export function MailboxStatusBadge({ mailbox }: { mailbox: IntegrationView }) {
  const t = useTranslations('mailboxStatus');
  if (mailbox.syncing) return <Badge tone="sky">{t('syncing')}</Badge>;
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tones[mailbox.status]}>{t(mailbox.status)}</Badge>
      {mailbox.active ? null : <Badge tone="slate">{t('paused')}</Badge>}
    </span>
  );
}
