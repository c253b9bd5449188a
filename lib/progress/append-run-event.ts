// The one writer of progress: changes a run's counters, numbers and stores the event that says
// so, and NOTIFYs it — all inside the caller's transaction and in one statement (a bulk run's
// settling batch writes all its emails' events in one: appendRunEvents), so the event exists exactly
// when the state it describes does, and listeners hear of it only once it has committed.
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

/** One of several events appended at once (appendRunEvents): a line and its counters' change. */
export type RunItemChange = Pick<RunChange, 'kind' | 'message' | 'data' | 'add'>;

/**
 * Several events of one run in one statement, in order, each with the counters as they stand right
 * after it (event k of a batch of 50 settled emails reads "Email 12/50" as if it had been written
 * alone): the run's row is updated once, its events inserted and NOTIFYed in seq order. What a
 * settling batch of a bulk run calls instead of one appendRunEvent per email.
 */
export async function appendRunEvents(
  tx: DbOrTx,
  runId: string,
  changes: RunItemChange[],
): Promise<{ run: Run; events: RunEventMessage[] }> {
  if (changes.length === 0) throw new Error('appendRunEvents needs at least one change');
  const items = changes.map((change, i) => ({
    i: i + 1,
    kind: change.kind,
    parts: messageParts(change.message),
    data: change.data ?? {},
    processed: change.add?.processed ?? 0,
    succeeded: change.add?.succeeded ?? 0,
    failed: change.add?.failed ?? 0,
    cancelled: change.add?.cancelled ?? 0,
  }));
  const rows = await tx.execute<Row & { event_seq: number; event_kind: string }>(sql`
    with v as (
      select * from json_to_recordset(${JSON.stringify(items)}::json) as v(
        i int, kind text, parts text[], data jsonb, processed int, succeeded int, failed int, cancelled int)
    ), d as (
      select count(*)::int as n, sum(processed)::int as processed, sum(succeeded)::int as succeeded,
        sum(failed)::int as failed, sum(cancelled)::int as cancelled
      from v
    ), r as (
      update runs set last_seq = last_seq + d.n, processed = runs.processed + d.processed,
        succeeded = runs.succeeded + d.succeeded, failed = runs.failed + d.failed,
        cancelled = runs.cancelled + d.cancelled
      from d where id = ${runId}
      returning runs.*
    ), w as (
      -- Each event's counters: the run's before the batch, plus the changes up to this event.
      select v.i, v.kind, v.parts, v.data, r.id as run_id, r.org_id, r.status, r.total,
        r.last_seq - d.n + v.i as seq,
        r.processed - d.processed + sum(v.processed) over upto as processed,
        r.succeeded - d.succeeded + sum(v.succeeded) over upto as succeeded,
        r.failed - d.failed + sum(v.failed) over upto as failed,
        r.cancelled - d.cancelled + sum(v.cancelled) over upto as cancelled
      from v, r, d
      window upto as (order by v.i rows between unbounded preceding and current row)
    ), e as (
      insert into run_events (run_id, org_id, seq, kind, message, data)
      select w.run_id, w.org_id, w.seq, w.kind::run_event_kind,
        (select string_agg(case when u.k % 2 = 1 then u.part else case u.part
            when 'total' then w.total::text when 'processed' then w.processed::text
            when 'succeeded' then w.succeeded::text when 'failed' then w.failed::text
            when 'cancelled' then w.cancelled::text end end, '' order by u.k)
          from unnest(w.parts) with ordinality as u(part, k)),
        w.data || jsonb_build_object('counters', jsonb_build_object(
          'status', w.status, 'total', w.total, 'processed', w.processed, 'succeeded', w.succeeded,
          'failed', w.failed, 'cancelled', w.cancelled))
      from w order by w.seq
      returning run_id, seq, kind, message, data,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
    ), p as (
      select e.*, json_build_object('runId', e.run_id, 'seq', e.seq, 'kind', e.kind,
        'message', e.message, 'data', e.data, 'at', e.at)::text as payload
      from e order by e.seq
    )
    -- NOTIFYs queue in the order they are called: the ordered subquery's.
    select r.*, p.seq as event_seq, p.kind as event_kind, p.message as event_message,
      p.data as event_data, p.at as event_at,
      pg_notify(${PROGRESS_CHANNEL}, case when octet_length(p.payload) > ${MAX_PAYLOAD_BYTES}
        then json_build_object('runId', p.run_id, 'seq', p.seq, 'truncated', true)::text
        else p.payload end)
    from r, p`);
  if (rows.length === 0) throw new Error(`run ${runId} does not exist`);
  const sorted = [...rows].sort((a, b) => a.event_seq - b.event_seq);
  return {
    run: toRun(sorted[0]!),
    events: sorted.map((row) => ({
      runId,
      seq: row.event_seq,
      kind: row.event_kind as RunEventKind,
      message: row.event_message,
      data: row.event_data,
      at: row.event_at,
    })),
  };
}

/** A line as text and counter names, alternating ("Email ", "processed", "/", "total", …). */
function messageParts(message: RunChange['message']): string[] {
  if (typeof message === 'string') return [message];
  const parts = message(
    Object.fromEntries(COUNTERS.map((c) => [c, `${NUL}${c}${NUL}`])) as CounterText,
  ).split(NUL);
  parts.forEach((part, i) => {
    if (i % 2 === 1 && !COUNTERS.includes(part as Counter)) throw new Error(`unknown counter ${part}`);
  });
  return parts;
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
