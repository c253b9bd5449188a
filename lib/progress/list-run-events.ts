import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { runEvents } from '../db/schema/progress';
import type { RunEventMessage } from './progress.schema';

/**
 * Events of a run after `afterSeq`, in order, at most `limit`. The caller has already checked the
 * run belongs to its organisation (the SSE stream loads the run by (id, org) first).
 */
export async function listRunEvents(
  db: DbOrTx,
  runId: string,
  afterSeq: number,
  limit = 500,
): Promise<RunEventMessage[]> {
  const rows = await db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, afterSeq)))
    .orderBy(asc(runEvents.seq))
    .limit(limit);
  return rows.map((r) => ({
    runId: r.runId,
    seq: r.seq,
    kind: r.kind,
    message: r.message,
    data: r.data as RunEventMessage['data'],
    at: r.createdAt.toISOString(),
  }));
}
