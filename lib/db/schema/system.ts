// Process bookkeeping: each worker writes a heartbeat row so /api/health can tell whether one runs.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text().primaryKey(),
  hostname: text().notNull(),
  pid: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull(),
  stoppedAt: timestamp({ withTimezone: true }),
});
