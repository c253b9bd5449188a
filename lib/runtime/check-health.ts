// What /api/health reports: can we reach the database, and has a worker beaten its heart lately.
// It answers within a deadline whatever the database does: refused connections fail fast, but a
// frozen or unreachable server would leave a query waiting for minutes, so past the deadline the
// database counts as down (and the probe's connection is thrown away, not waited on).
import { desc, isNull, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DbOrTx } from '../db/client';
import { workerHeartbeats } from '../db/schema/system';
import { env } from '../env';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A worker that missed three beats is considered gone. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;
/** The health answer comes within this, database or not (uptime checks give up at 1–2 s). */
export const HEALTH_TIMEOUT_MS = 800;

export type Health = {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down' };
  worker: { status: 'up' | 'down'; lastSeenAt: string | null; workers: number };
};

export async function checkHealth(
  db: DbOrTx,
  options: { timeoutMs?: number; onTimeout?: () => void } = {},
): Promise<Health> {
  let database: Health['database'] = { status: 'up' };
  let worker: Health['worker'] = { status: 'down', lastSeenAt: null, workers: 0 };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? HEALTH_TIMEOUT_MS);
  });
  const query = (async () => {
    await db.execute(sql`select 1`);
    return db
      .select({ lastSeenAt: workerHeartbeats.lastSeenAt })
      .from(workerHeartbeats)
      .where(isNull(workerHeartbeats.stoppedAt))
      .orderBy(desc(workerHeartbeats.lastSeenAt));
  })();
  try {
    const beats = await Promise.race([query, deadline]);
    if (beats === 'timeout') {
      // Whatever the late query does later must not surface as an unhandled rejection.
      query.catch(() => {});
      options.onTimeout?.();
      database = { status: 'down' };
    } else {
      const fresh = beats.filter((b) => Date.now() - b.lastSeenAt.getTime() < HEARTBEAT_STALE_MS);
      worker = {
        status: fresh.length > 0 ? 'up' : 'down',
        lastSeenAt: beats[0]?.lastSeenAt.toISOString() ?? null,
        workers: fresh.length,
      };
    }
  } catch {
    database = { status: 'down' };
  } finally {
    clearTimeout(timer);
  }
  const status = database.status === 'up' && worker.status === 'up' ? 'ok' : 'degraded';
  return { status, database, worker };
}

type Probe = { url: string; sql: postgres.Sql; db: DbOrTx };
// On globalThis, so that Next's hot reload in development does not open a new one on every edit.
const globalForProbe = globalThis as unknown as { __mailroomHealthProbe?: Probe };

/**
 * The health check of /api/health, on a connection of its own: it never queues behind the app's
 * queries when the pool is busy, and one stuck on a frozen server is dropped at the deadline.
 */
export function probeHealth(): Promise<Health> {
  const url = env().databaseUrl;
  let probe = globalForProbe.__mailroomHealthProbe;
  if (!probe || probe.url !== url) {
    void probe?.sql.end({ timeout: 0 }).catch(() => {});
    const client = postgres(url, { max: 1, connect_timeout: 1, idle_timeout: 60, onnotice: () => {} });
    probe = { url, sql: client, db: drizzle(client, { casing: 'snake_case' }) };
    globalForProbe.__mailroomHealthProbe = probe;
  }
  const current = probe;
  return checkHealth(current.db, {
    onTimeout: () => {
      if (globalForProbe.__mailroomHealthProbe === current) globalForProbe.__mailroomHealthProbe = undefined;
      void current.sql.end({ timeout: 0 }).catch(() => {});
    },
  });
}
