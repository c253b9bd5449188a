// One item of a run has reached its final state: count it, log its line, and when it was the
// last one, close the run with a `complete` event. Called inside the transaction that settled the
// item (for bulk runs: the outbox's, through lib/outbox/on-message-settled.ts).
import type { DbOrTx } from '../db/client';
import type { Run } from '../db/schema/progress';
import { appendRunEvent, appendRunEvents, countersOf } from './append-run-event';
import type { RunCounters } from './progress.schema';

export type ItemOutcome = 'succeeded' | 'failed' | 'cancelled';

export type RecordRunOutcomeInput = {
  outcome: ItemOutcome;
  /**
   * The log line from the item's number (its place in completion order) and the total, e.g.
   * "✅ Email 12/50 sent: …". Both arrive as text: the database fills them in under the run's lock.
   */
  message: (itemNumber: string, total: string) => string;
  data?: Record<string, unknown>;
  /** The final summary line, e.g. "48 sent, 2 failed of 50". */
  summarize?: (counters: RunCounters) => string;
};

export async function recordRunOutcome(
  tx: DbOrTx,
  runId: string,
  input: RecordRunOutcomeInput,
): Promise<{ run: Run; completed: boolean }> {
  const { run } = await appendRunEvent(tx, runId, {
    kind: input.outcome === 'failed' ? 'error' : 'progress',
    message: (c) => input.message(c.processed, c.total),
    data: input.data,
    add: { processed: 1, [input.outcome]: 1 },
  });
  return closeIfDone(tx, runId, run, input.summarize);
}

/**
 * Several items of one run reached their final state in the same transaction (a settling batch of
 * a bulk run): counted and logged in one statement, in the given order, each line numbered as if
 * written alone; the run closes with its `complete` event when the last of them was its last item.
 */
export async function recordRunOutcomes(
  tx: DbOrTx,
  runId: string,
  inputs: RecordRunOutcomeInput[],
): Promise<{ run: Run; completed: boolean }> {
  const { run } = await appendRunEvents(
    tx,
    runId,
    inputs.map((input) => ({
      kind: input.outcome === 'failed' ? 'error' : 'progress',
      message: (c) => input.message(c.processed, c.total),
      data: input.data,
      add: { processed: 1, [input.outcome]: 1 },
    })),
  );
  return closeIfDone(tx, runId, run, inputs[inputs.length - 1]?.summarize);
}

async function closeIfDone(
  tx: DbOrTx,
  runId: string,
  run: Run,
  summarize: RecordRunOutcomeInput['summarize'],
): Promise<{ run: Run; completed: boolean }> {
  if (run.status !== 'running' || run.processed < run.total) return { run, completed: false };
  const status = run.cancelRequestedAt && run.cancelled > 0 ? 'cancelled' : 'completed';
  const closed = await appendRunEvent(tx, runId, {
    kind: 'complete',
    // Counters do not change when the run closes: the summary is known already.
    message: (summarize ?? defaultSummary)({ ...countersOf(run), status }),
    status,
    finishedAt: new Date(),
  });
  return { run: closed.run, completed: true };
}

export function defaultSummary(c: RunCounters): string {
  const parts = [`${c.succeeded} succeeded`, `${c.failed} failed`];
  if (c.cancelled) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(', ')} of ${c.total}`;
}
