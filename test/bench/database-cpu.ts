// CPU of the PostgreSQL backends serving this benchmark's database (from /proc: the server is on
// this machine), so a figure counts the database's work for us and not the other engineers'.
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { cpuSeconds } from './process-cpu';

async function backendPids(db: Db): Promise<number[]> {
  const rows = await db.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  return rows.map((r) => r.pid);
}

/** Starts counting; the function it returns gives the CPU seconds used since, by every backend. */
export async function startDatabaseCpu(db: Db): Promise<() => Promise<number>> {
  const before = new Map((await backendPids(db)).map((pid) => [pid, cpuSeconds(pid)]));
  return async () => {
    let total = 0;
    // A backend that ended meanwhile is not counted (its last CPU is gone with its /proc entry).
    for (const pid of await backendPids(db)) total += cpuSeconds(pid) - (before.get(pid) ?? 0);
    return total;
  };
}

/** CPU seconds this process has used (user + system, every thread). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
