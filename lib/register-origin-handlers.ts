// Where the features that send through the outbox say which messages are theirs. Each process
// calls this once as it wires itself — the worker (worker/run-worker.ts), the CLI (bin/mailroom.ts)
// and the web app (instrumentation.ts) — since any of them may settle a message (a cancel in the
// web process settles it as surely as a send in the worker). A kind with no handler makes settling
// fail loudly (lib/outbox/origin-handlers.ts), so forgetting a line here cannot lose an outcome.
import { countScheduledForAccount } from './broadcasts/count-scheduled-for-account';
import { fromDeliveryNotices, recordBroadcastEvents } from './broadcasts/record-broadcast-events';
import { fromSettledMessages, recordBroadcastOutcomes } from './broadcasts/record-broadcast-outcomes';
import { withdrawOptedOut } from './broadcasts/withdraw-opted-out';
import { recordInvoiceEvents } from './bulk/record-invoice-events';
import { recordInvoiceOutcomes } from './bulk/record-invoice-outcomes';
import { registerOriginHandler } from './outbox/origin-handlers';

export function registerOriginHandlers(): void {
  registerOriginHandler('invoice-run', {
    settled: async (tx, messages) => void (await recordInvoiceOutcomes(tx, messages)),
    events: recordInvoiceEvents,
  });
  registerOriginHandler('broadcast', {
    withdraw: withdrawOptedOut,
    waitingOn: countScheduledForAccount,
    settled: async (tx, messages) => {
      for (const channel of ['email', 'sms'] as const) {
        const some = messages.filter((m) => m.channel === channel);
        if (some.length) await recordBroadcastOutcomes(tx, channel, fromSettledMessages(some));
      }
    },
    events: (tx, events) => recordBroadcastEvents(tx, fromDeliveryNotices(events)),
  });
  // Replies and forwards from the shared inbox keep no state of their own: the conversation reads
  // the outbox row (status, events) directly, so there is nothing to record — but the kind is
  // registered, so its messages settle.
  registerOriginHandler('reply', {});
  // A run's report is read by a person, not by the run: its outcome changes nothing.
  registerOriginHandler('run-report', {});
}
