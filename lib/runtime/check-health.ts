// What /api/health reports: can we reach the database, and has a worker beaten its heart lately.
import { desc, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { workerHeartbeats } from '../db/schema/system';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A worker that missed three beats is considered gone. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;

export type Health = {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down' };
  worker: { status: 'up' | 'down'; lastSeenAt: string | null; workers: number };
};

export async function checkHealth(db: DbOrTx): Promise<Health> {
  let database: Health['database'] = { status: 'up' };
  let worker: Health['worker'] = { status: 'down', lastSeenAt: null, workers: 0 };
  try {
    await db.execute(sql`select 1`);
    const beats = await db
      .select({ lastSeenAt: workerHeartbeats.lastSeenAt })
      .from(workerHeartbeats)
      .where(isNull(workerHeartbeats.stoppedAt))
      .orderBy(desc(workerHeartbeats.lastSeenAt));
    const fresh = beats.filter((b) => Date.now() - b.lastSeenAt.getTime() < HEARTBEAT_STALE_MS);
    worker = {
      status: fresh.length > 0 ? 'up' : 'down',
      lastSeenAt: beats[0]?.lastSeenAt.toISOString() ?? null,
      workers: fresh.length,
    };
  } catch {
    database = { status: 'down' };
  }
  const status = database.status === 'up' && worker.status === 'up' ? 'ok' : 'degraded';
  return { status, database, worker };
}
