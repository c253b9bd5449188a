// Each worker upserts its row every few seconds; /api/health reads them.
import os from 'node:os';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { log } from '@/lib/log';
import { HEARTBEAT_INTERVAL_MS } from '@/lib/runtime/check-health';

export function startHeartbeat(db: Db, workerId: string): { stop: () => Promise<void> } {
  const startedAt = new Date();
  const beat = async () => {
    const now = new Date();
    try {
      await db
        .insert(workerHeartbeats)
        .values({ workerId, hostname: os.hostname(), pid: process.pid, startedAt, lastSeenAt: now })
        .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastSeenAt: now } });
    } catch (error) {
      log.warn({ err: error, workerId }, 'heartbeat failed');
    }
  };
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  const first = beat();
  return {
    stop: async () => {
      clearInterval(timer);
      await first;
      await db
        .update(workerHeartbeats)
        .set({ stoppedAt: new Date() })
        .where(eq(workerHeartbeats.workerId, workerId));
    },
  };
}
