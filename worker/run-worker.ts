// Starts pg-boss in worker mode, registers every job of the registry and their cron schedules,
// and returns a stop() that shuts down gracefully: no new jobs, running ones finish up to the
// deadline (their signal is aborted at it), heartbeat marked stopped, pool closed.
import crypto from 'node:crypto';
import os from 'node:os';
import type { JobResult } from 'pg-boss';
import { closeDb, getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { createBoss } from '@/lib/jobs/boss';
import { log } from '@/lib/log';
import { startHeartbeat } from './heartbeat';
import type { WorkerJob } from './job';

export type RunningWorker = { workerId: string; stop: () => Promise<void> };

export async function runWorker(jobs: WorkerJob[]): Promise<RunningWorker> {
  const { databaseUrl, WORKER_SHUTDOWN_TIMEOUT_MS } = env();
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const boss = createBoss(databaseUrl, 'worker');
  await boss.start();

  for (const job of jobs) {
    await boss.work(
      job.queue.name,
      { ...job.work, perJobResults: true },
      async (batch): Promise<JobResult[]> => {
        const results: JobResult[] = [];
        for (const item of batch) {
          const payload = job.queue.schema.safeParse(item.data);
          if (!payload.success) {
            // A malformed payload will never get better: fail it for good instead of retrying.
            log.error(
              { queue: job.queue.name, jobId: item.id, issues: payload.error.issues },
              'job payload rejected',
            );
            results.push({ id: item.id, status: 'deadletter', output: { error: 'invalid payload' } });
            continue;
          }
          try {
            const output = await job.handle(payload.data, {
              jobId: item.id,
              retryCount: item.retryCount,
              signal: item.signal,
              boss,
            });
            results.push({ id: item.id, status: 'completed', output: output ?? undefined });
          } catch (error) {
            log.warn({ queue: job.queue.name, jobId: item.id, err: error }, 'job failed');
            results.push({
              id: item.id,
              status: 'failed',
              output: { error: error instanceof Error ? error.message : String(error) },
            });
          }
        }
        return results;
      },
    );
    if (job.cron) await boss.schedule(job.queue.name, job.cron, {});
  }

  const heartbeat = startHeartbeat(getDb(), workerId);
  log.info({ workerId, jobs: jobs.map((j) => j.queue.name) }, 'worker started');

  let stopping: Promise<void> | undefined;
  return {
    workerId,
    stop: () => {
      stopping ??= (async () => {
        log.info({ workerId, timeoutMs: WORKER_SHUTDOWN_TIMEOUT_MS }, 'worker stopping');
        await boss.stop({ graceful: true, timeout: WORKER_SHUTDOWN_TIMEOUT_MS, close: true });
        await heartbeat.stop();
        await closeDb();
        log.info({ workerId }, 'worker stopped');
      })();
      return stopping;
    },
  };
}
