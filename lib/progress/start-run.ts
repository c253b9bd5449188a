// Creates a run with its `start` event, in the caller's transaction (which also writes whatever
// the run will process, so a run never exists without its work nor work without its run).
import type { OrgContext } from '../auth/org-context';
import { actorUserId } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Run, runs } from '../db/schema/progress';
import { appendRunEvent } from './append-run-event';

export type StartRunInput = {
  kind: string;
  total: number;
  params: Record<string, unknown>;
  /** The start event's line, e.g. "Sending 50 invoices to 73 recipients". */
  message: string;
  data?: Record<string, unknown>;
};

export async function startRun(tx: DbOrTx, ctx: OrgContext, input: StartRunInput): Promise<Run> {
  const [created] = await tx
    .insert(runs)
    .values({
      orgId: ctx.orgId,
      kind: input.kind,
      total: input.total,
      params: input.params,
      createdBy: actorUserId(ctx),
    })
    .returning({ id: runs.id });
  const { run } = await appendRunEvent(tx, created!.id, {
    kind: 'start',
    message: input.message,
    data: input.data,
  });
  if (input.total > 0) return run;
  // Nothing to do is done at once, and says so like any other run.
  const closed = await appendRunEvent(tx, run.id, {
    kind: 'complete',
    message: 'Nothing to do',
    status: 'completed',
    finishedAt: new Date(),
  });
  return closed.run;
}
