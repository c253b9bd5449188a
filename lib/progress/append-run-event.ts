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
  const [row] = await tx
    .insert(runEvents)
    .values({ runId, orgId: run.orgId, seq: run.lastSeq, kind: change.kind, message, data })
    .returning({ createdAt: runEvents.createdAt });
  const event: RunEventMessage = {
    runId,
    seq: run.lastSeq,
    kind: change.kind,
    message,
    data,
    at: row!.createdAt.toISOString(),
  };
  let payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    payload = JSON.stringify({ runId, seq: event.seq, truncated: true });
  }
  // Delivered to listeners when (and only if) the transaction commits.
  await tx.execute(sql`select pg_notify(${PROGRESS_CHANNEL}, ${payload})`);
  return { run, event };
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
