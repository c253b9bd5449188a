import type { BroadcastRecipientStatus, BroadcastStatus } from '@/lib/db/schema/broadcasts';

export function statusTone(status: BroadcastStatus | BroadcastRecipientStatus) {
  return (
    {
      draft: 'slate',
      scheduled: 'sky',
      pending: 'indigo',
      sent: 'green',
      failed: 'red',
      cancelled: 'amber',
      skipped: 'amber',
    } as const
  )[status];
}
