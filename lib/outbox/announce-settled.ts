// Tells onMessageSettled about messages that just reached a final status, inside the transaction
// that put them there. Every code path that finishes a message goes through here.
import type { DbOrTx } from '../db/client';
import { type Address, FINAL_STATUSES, type FinalStatus, type MessageStatus } from '../db/schema/outbox';
import { onMessageSettled } from './on-message-settled';

export type SettledRow = {
  id: string;
  orgId: string;
  runId: string | null;
  status: MessageStatus;
  to: Address[];
  subject: string;
  lastError: string | null;
  attempts: number;
};

/** The same row as raw SQL's `returning id, org_id, run_id, status, "to", subject, last_error, attempts`. */
export type SettledSqlRow = {
  id: string;
  org_id: string;
  run_id: string | null;
  status: MessageStatus;
  to: Address[];
  subject: string;
  last_error: string | null;
  attempts: number;
};

export function settledFromSql(r: SettledSqlRow): SettledRow {
  return {
    id: r.id,
    orgId: r.org_id,
    runId: r.run_id,
    status: r.status,
    to: r.to,
    subject: r.subject,
    lastError: r.last_error,
    attempts: r.attempts,
  };
}

export async function announceSettled(tx: DbOrTx, rows: SettledRow[]): Promise<void> {
  for (const row of rows) {
    if (!isFinal(row.status)) continue;
    await onMessageSettled(tx, {
      id: row.id,
      orgId: row.orgId,
      runId: row.runId,
      status: row.status,
      to: row.to.map((a) => a.address),
      subject: row.subject,
      error: row.status === 'sent' ? null : row.lastError,
      attempts: row.attempts,
    });
  }
}

export function isFinal(status: MessageStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}
