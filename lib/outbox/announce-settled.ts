// Tells the messages' origins about those that just reached a final status, inside the transaction
// that put them there, in one dispatch per batch. Every code path that finishes a message goes
// through here; the raw statements return `settledColumns` and map them with `settledFromSql`.
import type { DbOrTx } from '../db/client';
import { FINAL_STATUSES, type FinalStatus, type MessageStatus, outboxMessages } from '../db/schema/outbox';
import { sqlRowMapper } from '../db/sql-row';
import { dispatchSettled } from './origin-handlers';

const settledRow = sqlRowMapper(outboxMessages, [
  'id',
  'orgId',
  'channel',
  'originKind',
  'originId',
  'status',
  'to',
  'subject',
  'lastError',
  'attempts',
  'queue',
  'nextAttemptAt',
]);
export type SettledRow = ReturnType<typeof settledRow.map>;

/** What a raw statement that may settle messages returns: `returning ${settledColumns()}`. */
export const settledColumns = settledRow.columns;
export const settledFromSql = settledRow.map;

export async function announceSettled(tx: DbOrTx, rows: SettledRow[]): Promise<void> {
  const settled = rows.flatMap((row) =>
    isFinal(row.status)
      ? [
          {
            id: row.id,
            orgId: row.orgId,
            channel: row.channel,
            origin: { kind: row.originKind, id: row.originId },
            status: row.status,
            to: row.to.map((a) => a.address),
            subject: row.subject,
            error: row.status === 'sent' ? null : row.lastError,
            attempts: row.attempts,
          },
        ]
      : [],
  );
  if (settled.length) await dispatchSettled(tx, settled);
}

export function isFinal(status: MessageStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}
