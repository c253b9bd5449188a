// One pass over the outbox for cron-style deployments (`queue:process`): recover what a dead worker
// left, then take due jobs from both send queues, a batch at a time, until none is due or the time
// is up. pg-boss hands each job to one taker (SKIP LOCKED) and the message rows are claimed
// atomically, so this never double-sends alongside a running worker or another cron run.
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { outboxRecoverQueue, outboxSendBulkQueue, outboxSendTransactionalQueue } from '../jobs/queues';
import { log } from '../log';
import { jobsPerFetch } from './insert-send-jobs';
import { recoverStaleMessages } from './recover-stale-messages';
import { type SendSummary, sendDueMessages } from './send-due-messages';

export type ProcessSummary = SendSummary & { batches: number; recovered: number; timedOut: boolean };

export async function processDueMessages(
  db: Db,
  options: { boss: PgBoss; batchSize: number; maxRuntimeMs: number },
): Promise<ProcessSummary> {
  const deadline = Date.now() + options.maxRuntimeMs;
  const total: ProcessSummary = {
    claimed: 0,
    sent: 0,
    failed: 0,
    retried: 0,
    deferred: 0,
    expired: 0,
    released: 0,
    batches: 0,
    recovered: 0,
    timedOut: false,
  };
  const sweep = await recoverStaleMessages(db, { boss: options.boss });
  total.recovered += sweep.recovered;
  total.expired += sweep.expired;

  for (;;) {
    if (Date.now() >= deadline) {
      total.timedOut = true;
      break;
    }
    let fetched = 0;
    for (const queue of [outboxSendTransactionalQueue, outboxSendBulkQueue]) {
      const jobs = await options.boss.fetch<{ messageIds: string[] }>(queue.name, {
        batchSize: jobsPerFetch(options.batchSize),
      });
      if (jobs.length === 0) continue;
      fetched += jobs.length;
      total.batches += 1;
      try {
        const summary = await sendDueMessages(
          db,
          jobs.flatMap((j) => j.data.messageIds),
          { boss: options.boss },
        );
        for (const key of [
          'claimed',
          'sent',
          'failed',
          'retried',
          'deferred',
          'expired',
          'released',
        ] as const) {
          total[key] += summary[key];
        }
        await options.boss.complete(
          queue.name,
          jobs.map((j) => ({ id: j.id, retryCount: j.retryCount })),
        );
      } catch (error) {
        log.error(
          { err: error, queue: queue.name, jobs: jobs.length },
          'a batch failed; its jobs will be retried',
        );
        await options.boss.fail(
          queue.name,
          jobs.map((j) => ({ id: j.id, retryCount: j.retryCount })),
          { error: error instanceof Error ? error.message : String(error) },
        );
      }
    }
    // Lease checks that have come due (this process's own batches are settled by now).
    const checks = await options.boss.fetch<{ workerId?: string; messageIds?: string[] }>(
      outboxRecoverQueue.name,
      {
        batchSize: 50,
      },
    );
    for (const check of checks) {
      const r = await recoverStaleMessages(db, {
        boss: options.boss,
        workerId: check.data.workerId,
        messageIds: check.data.messageIds,
      });
      total.recovered += r.recovered;
    }
    if (checks.length) {
      await options.boss.complete(
        outboxRecoverQueue.name,
        checks.map((j) => ({ id: j.id, retryCount: j.retryCount })),
      );
    }
    if (fetched === 0) break;
  }
  return total;
}
