// The one writer of progress: changes a run's counters, numbers and stores the event that says
// so, and NOTIFYs it — all inside the caller's transaction and in one statement (a bulk run calls
// this once per email, inside the outbox's settle), so the event exists exactly when the state it
// describes does, and listeners hear of it only once it has committed.
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { Run, RunEventKind, RunStatus } from '../db/schema/progress';
import type { RunCounters, RunEventMessage } from './progress.schema';

/** The Postgres channel every web process LISTENs on (lib/progress/run-event-hub.ts). */
export const PROGRESS_CHANNEL = 'mailroom_run_events';

/** NOTIFY payloads are limited to 8000 bytes; a bigger event is announced by seq only. */
const MAX_PAYLOAD_BYTES = 7000;

const NUL = String.fromCharCode(0);
const COUNTERS = ['total', 'processed', 'succeeded', 'failed', 'cancelled'] as const;
type Counter = (typeof COUNTERS)[number];
export type CounterChange = Partial<Record<Exclude<Counter, 'total'>, number>>;
/** The counters after the change, as text to put in a line ("Email 12/50"). */
export type CounterText = Record<Counter, string>;

export type RunChange = {
  kind: RunEventKind;
  /**
   * The line; a function when it shows the counters after the change. Those are known only under
   * the run's row lock, so the database fills them in: the function receives placeholders.
   */
  message: string | ((counters: CounterText) => string);
  data?: Record<string, unknown>;
  /** Added to the counters (negative to take back, e.g. when failed items are retried). */
  add?: CounterChange;
  status?: RunStatus;
  startedAt?: Date;
  finishedAt?: Date | null;
};

type Row = {
  id: string;
  org_id: string;
  kind: string;
  status: RunStatus;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  last_seq: number;
  params: Record<string, unknown>;
  created_by: string | null;
  created_at: Date | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  cancel_requested_at: Date | string | null;
  event_message: string;
  event_data: RunEventMessage['data'];
  event_at: string;
};

export async function appendRunEvent(
  tx: DbOrTx,
  runId: string,
  change: RunChange,
): Promise<{ run: Run; event: RunEventMessage }> {
  // Taking the row lock here serialises every writer of this run until commit: seq has no gaps
  // and commits (hence NOTIFYs) arrive in seq order.
  const set: SQL[] = [sql`last_seq = last_seq + 1`];
  for (const [key, delta] of Object.entries(change.add ?? {}) as [Exclude<Counter, 'total'>, number][]) {
    if (delta) set.push(sql`${sql.identifier(key)} = ${sql.identifier(key)} + ${delta}::int`);
  }
  if (change.status) set.push(sql`status = ${change.status}::run_status`);
  if (change.startedAt) set.push(sql`started_at = ${change.startedAt.toISOString()}::timestamptz`);
  if (change.finishedAt !== undefined) {
    set.push(sql`finished_at = ${change.finishedAt?.toISOString() ?? null}::timestamptz`);
  }
  const [row] = await tx.execute<Row>(sql`
    with r as (
      update runs set ${sql.join(set, sql`, `)} where id = ${runId} returning *
    ), e as (
      insert into run_events (run_id, org_id, seq, kind, message, data)
      select r.id, r.org_id, r.last_seq, ${change.kind}::run_event_kind, ${messageSql(change.message)},
        ${JSON.stringify(change.data ?? {})}::jsonb || jsonb_build_object('counters', jsonb_build_object(
          'status', r.status, 'total', r.total, 'processed', r.processed, 'succeeded', r.succeeded,
          'failed', r.failed, 'cancelled', r.cancelled))
      from r
      returning run_id, seq, kind, message, data,
        -- The database's clock: every writer, on every machine, agrees.
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
    ), p as (
      select e.*, json_build_object('runId', e.run_id, 'seq', e.seq, 'kind', e.kind,
        'message', e.message, 'data', e.data, 'at', e.at)::text as payload
      from e
    )
    select r.*, p.message as event_message, p.data as event_data, p.at as event_at,
      pg_notify(${PROGRESS_CHANNEL}, case when octet_length(p.payload) > ${MAX_PAYLOAD_BYTES}
        then json_build_object('runId', p.run_id, 'seq', p.seq, 'truncated', true)::text
        else p.payload end)
    from r, p`);
  if (!row) throw new Error(`run ${runId} does not exist`);
  const run = toRun(row);
  return {
    run,
    event: {
      runId,
      seq: run.lastSeq,
      kind: change.kind,
      message: row.event_message,
      data: row.event_data,
      at: row.event_at,
    },
  };
}

/** A line with placeholders for counters → text || counter || text… for the database to finish. */
function messageSql(message: RunChange['message']): SQL {
  if (typeof message === 'string') return sql`${message}::text`;
  // NUL cannot occur in Postgres text, so no user data can forge a placeholder.
  const marked = message(Object.fromEntries(COUNTERS.map((c) => [c, `${NUL}${c}${NUL}`])) as CounterText);
  // "a\0processed\0b" → ["a", "processed", "b"]: text, counter, text…
  const parts = marked.split(NUL);
  return sql.join(
    parts.map((part, i) => {
      if (i % 2 === 0) return sql`${part}::text`;
      const counter = COUNTERS.find((c) => c === part);
      if (!counter) throw new Error(`unknown counter ${part}`);
      return sql`r.${sql.identifier(counter)}::text`;
    }),
    sql` || `,
  );
}

function toRun(row: Row): Run {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    processed: row.processed,
    succeeded: row.succeeded,
    failed: row.failed,
    cancelled: row.cancelled,
    lastSeq: row.last_seq,
    params: row.params,
    createdBy: row.created_by,
    createdAt: date(row.created_at)!,
    startedAt: date(row.started_at)!,
    finishedAt: date(row.finished_at),
    cancelRequestedAt: date(row.cancel_requested_at),
  };
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
