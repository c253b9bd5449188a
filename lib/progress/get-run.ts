import { and, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type Run, runs } from '../db/schema/progress';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { countersOf } from './append-run-event';
import type { RunView } from './progress.schema';

/** One run of the caller's organisation, or 404 (also for another org's run). */
export async function getRun(db: DbOrTx, ctx: OrgContext, id: string): Promise<Run> {
  return firstOr404(
    await db
      .select()
      .from(runs)
      .where(byIdInOrg(runs, id, ctx)),
    'Run',
  );
}

/** Locks the run's row for the rest of the transaction (cancel, retry), or 404. */
export async function lockRun(tx: DbOrTx, ctx: OrgContext, id: string, kind?: string): Promise<Run> {
  const where = kind ? and(byIdInOrg(runs, id, ctx), eq(runs.kind, kind)) : byIdInOrg(runs, id, ctx);
  return firstOr404(await tx.select().from(runs).where(where).for('update'), 'Run');
}

export function toRunView(run: Run): RunView {
  return {
    id: run.id,
    kind: run.kind,
    ...countersOf(run),
    params: run.params,
    lastSeq: run.lastSeq,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    cancelRequestedAt: run.cancelRequestedAt,
  };
}
