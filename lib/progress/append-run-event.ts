// The one writer of progress: changes a run's counters, numbers and stores the event that says
// so, and NOTIFYs it — all inside the caller's transaction, so the event exists exactly when the
// state it describes does, and listeners hear of it only once it has committed.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type Run, type RunEventKind, type RunStatus, runEvents, runs } from '../db/schema/progress';
import type { RunCounters, RunEventMessage } from './progress.schema';

/** The Postgres channel every web process LISTENs on (lib/progress/run-event-hub.ts). */
export const PROGRESS_CHANNEL = 'mailroom_run_events';

/** NOTIFY payloads are limited to 8000 bytes; a bigger event is announced by seq only. */
const MAX_PAYLOAD_BYTES = 7000;

export type CounterChange = Partial<Record<'processed' | 'succeeded' | 'failed' | 'cancelled', number>>;

export type RunChange = {
  kind: RunEventKind;
  /** The line; a function when it depends on the counters after the change ("Email 12/50"). */
  message: string | ((run: Run) => string);
  data?: Record<string, unknown>;
  /** Added to the counters (negative to take back, e.g. when failed items are retried). */
  add?: CounterChange;
  status?: RunStatus;
  startedAt?: Date;
  finishedAt?: Date | null;
};

export async function appendRunEvent(
  tx: DbOrTx,
  runId: string,
  change: RunChange,
): Promise<{ run: Run; event: RunEventMessage }> {
  const add = change.add ?? {};
  const set: Record<string, SQL | Date | RunStatus | null> = {
    // Taking the row lock here serialises every writer of this run until commit: seq has no gaps
    // and commits (hence NOTIFYs) arrive in seq order.
    lastSeq: sql`${runs.lastSeq} + 1`,
  };
  for (const [key, delta] of Object.entries(add) as [keyof CounterChange, number][]) {
    if (delta) set[key] = sql`${runs[key]} + ${delta}`;
  }
  if (change.status) set.status = change.status;
  if (change.startedAt) set.startedAt = change.startedAt;
  if (change.finishedAt !== undefined) set.finishedAt = change.finishedAt;
  const [run] = await tx.update(runs).set(set).where(eq(runs.id, runId)).returning();
  if (!run) throw new Error(`run ${runId} does not exist`);

  const message = typeof change.message === 'function' ? change.message(run) : change.message;
  const data = { ...change.data, counters: countersOf(run) };
  const event = { runId, seq: run.lastSeq, kind: change.kind, message, data };
  const json = JSON.stringify(event);
  // The event's own time comes from the database clock (every writer, on every machine, agrees),
  // so the NOTIFY payload gets it there too: one round trip stores the event and announces it,
  // delivered to listeners when (and only if) the transaction commits.
  const payload =
    Buffer.byteLength(json) > MAX_PAYLOAD_BYTES
      ? sql`${JSON.stringify({ runId, seq: run.lastSeq, truncated: true })}`
      : sql`${`${json.slice(0, -1)},"at":"`} || to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"}'`;
  const [row] = await tx.execute<{ created_at: Date | string }>(sql`
    with e as (
      insert into ${runEvents} (run_id, org_id, seq, kind, message, data)
      values (${runId}, ${run.orgId}, ${run.lastSeq}, ${change.kind}, ${message}, ${JSON.stringify(data)}::jsonb)
      returning created_at
    )
    select e.created_at, pg_notify(${PROGRESS_CHANNEL}, ${payload}) from e`);
  const at = new Date(row!.created_at).toISOString();
  return { run, event: { ...event, at } };
}

export function countersOf(run: Run): RunCounters {
  return {
    status: run.status,
    total: run.total,
    processed: run.processed,
    succeeded: run.succeeded,
    failed: run.failed,
    cancelled: run.cancelled,
  };
}
