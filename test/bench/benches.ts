// The benchmark list, explicit: each entry is one file in this folder.
import { inboxBench } from './inbox.bench';
import { inboxPushBench } from './inbox-push.bench';
import { invoicesBench } from './invoices.bench';
import { outboxBench } from './outbox.bench';
import { progressBench } from './progress.bench';

export type Bench = { name: string; description: string; run: () => Promise<void> };

export const benches: Bench[] = [progressBench, outboxBench, invoicesBench, inboxBench, inboxPushBench];
