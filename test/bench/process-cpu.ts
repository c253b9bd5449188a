// CPU a process has used, from /proc (Linux): on a shared machine, wall-clock rates move with
// everyone else's work, CPU per message much less.
import fs from 'node:fs';
import { getDb } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema/system';

/** CPU seconds (user + system, every thread) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The pid of the first worker to beat that is not among `known` (worker ids), once it has. */
export async function newWorkerPid(known: Set<string>): Promise<number> {
  for (;;) {
    const rows = await getDb().select().from(workerHeartbeats);
    const pid = rows.find((r) => !known.has(r.workerId))?.pid;
    if (pid) return pid;
    await new Promise((r) => setTimeout(r, 20));
  }
}
