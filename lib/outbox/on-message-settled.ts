// The seam between the outbox and the features that send through it: called once for every message
// that reaches a final status (sent, failed, cancelled, expired), inside the same transaction as that
// change, so whatever it writes commits or rolls back with it.

import { recordInvoiceOutcome } from '../bulk/record-invoice-outcome';
import type { DbOrTx } from '../db/client';
import type { FinalStatus } from '../db/schema/outbox';

export type SettledMessage = {
  id: string;
  orgId: string;
  runId: string | null;
  status: FinalStatus;
  to: string[];
  subject: string;
  error: string | null;
  attempts: number;
};

export async function onMessageSettled(tx: DbOrTx, settled: SettledMessage): Promise<void> {
  if (settled.runId === null) return;
  // A bulk invoice email: its delivery, its invoice, its run's counters and its line in the run's
  // live log, all committed with the status change (lib/bulk/record-invoice-outcome.ts).
  await recordInvoiceOutcome(tx, settled);
}
