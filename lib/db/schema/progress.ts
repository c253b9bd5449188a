// Progress of long jobs (bulk invoice runs today; mailbox syncs and scheduled broadcasts later):
// a run with its counters, and the numbered events that describe it. Both are written in the same
// transaction as the state they describe, then announced with NOTIFY (lib/progress/notify-run-event.ts).
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { users } from './auth';

export const runStatusEnum = pgEnum('run_status', ['running', 'completed', 'cancelled']);
export type RunStatus = (typeof runStatusEnum.enumValues)[number];

export const runEventKindEnum = pgEnum('run_event_kind', ['start', 'progress', 'error', 'complete']);
export type RunEventKind = (typeof runEventKindEnum.enumValues)[number];

export const runs = pgTable(
  'runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** What the run does: 'invoices' now; the progress system itself does not care. */
    kind: text().notNull(),
    status: runStatusEnum().notNull().default('running'),
    total: integer().notNull(),
    /** succeeded + failed + cancelled */
    processed: integer().notNull().default(0),
    succeeded: integer().notNull().default(0),
    failed: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
    /** The last event's sequence number: bumped under the run's row lock, so seq is gapless. */
    lastSeq: integer().notNull().default(0),
    /** What the run was started with (filters, templates, sender…), as the caller gave it. */
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the current pass started (a retry of the failed items starts a new pass). */
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    cancelRequestedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.orgId, t.createdAt)],
);

export const runEvents = pgTable(
  'run_events',
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    /** 1, 2, 3… per run, without gaps: the SSE `id:` and what Last-Event-ID resumes from. */
    seq: integer().notNull(),
    kind: runEventKindEnum().notNull(),
    /** One human line, shown as is in the live log. */
    message: text().notNull(),
    /** Machine-readable details, including the run's counters right after this event. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // The wall clock, not the transaction's start: a worker may settle several emails in one
    // transaction, and speed/ETA are computed from these times.
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

export type Run = typeof runs.$inferSelect;
export type RunEventRow = typeof runEvents.$inferSelect;
