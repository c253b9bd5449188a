// A finished run gets a new pass (e.g. its failed items are retried): the items being redone
// leave the processed and failed counters, the run is running again, and a `start` event says why.
import type { DbOrTx } from '../db/client';
import type { Run } from '../db/schema/progress';
import { appendRunEvent } from './append-run-event';

export async function reopenRun(
  tx: DbOrTx,
  runId: string,
  input: { retrying: number; message: string; data?: Record<string, unknown> },
): Promise<Run> {
  const { run } = await appendRunEvent(tx, runId, {
    kind: 'start',
    message: input.message,
    data: input.data,
    add: { processed: -input.retrying, failed: -input.retrying },
    status: 'running',
    startedAt: new Date(),
    finishedAt: null,
  });
  return run;
}
