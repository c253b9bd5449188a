// The benchmark list, explicit: each entry is one file in this folder.
import { attachmentsBench } from './attachments.bench';
import { broadcastsBench } from './broadcasts.bench';
import { gmailBench } from './gmail.bench';
import { inboxBench } from './inbox.bench';
import { inboxPushBench } from './inbox-push.bench';
import { inboxPushPageBench } from './inbox-push-page.bench';
import { invoicesBench } from './invoices.bench';
import { outboxBench } from './outbox.bench';
import { progressBench } from './progress.bench';

export type Bench = { name: string; description: string; run: () => Promise<void> };

export const benches: Bench[] = [
  progressBench,
  outboxBench,
  invoicesBench,
  attachmentsBench,
  inboxBench,
  gmailBench,
  inboxPushBench,
  inboxPushPageBench,
  broadcastsBench,
];
