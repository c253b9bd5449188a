// Starts pg-boss in worker mode, registers every job of the registry and their cron schedules,
// and returns a stop() that shuts down gracefully: no new jobs, running ones finish up to the
// deadline (their signal is aborted at it), heartbeat marked stopped, pool closed.
import crypto from 'node:crypto';
import os from 'node:os';
import type { Job, JobResult, PgBoss } from 'pg-boss';
import { closeDb, getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { createBoss } from '@/lib/jobs/boss';
import { log } from '@/lib/log';
import { registerOriginHandlers } from '@/lib/register-origin-handlers';
import { startHeartbeat } from './heartbeat';
import type { WorkerJob, WorkerLoop } from './job';

export type RunningWorker = { workerId: string; stop: () => Promise<void> };

export async function runWorker(jobs: WorkerJob[], loops: WorkerLoop[] = []): Promise<RunningWorker> {
  const { databaseUrl, WORKER_SHUTDOWN_TIMEOUT_MS } = env();
  registerOriginHandlers();
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const boss = createBoss(databaseUrl, 'worker');
  await boss.start();

  for (const job of jobs) {
    const work = typeof job.work === 'function' ? job.work() : job.work;
    await boss.work(job.queue.name, { ...work, perJobResults: true }, async (batch): Promise<JobResult[]> => {
      if (job.handleBatch) return runBatch(job, batch, boss);
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
          if (!job.handle) throw new Error(`job ${job.queue.name} has neither handle nor handleBatch`);
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
    });
    if (job.cron) await boss.schedule(job.queue.name, job.cron, {});
  }

  const heartbeat = startHeartbeat(getDb(), workerId);
  const running = loops.map((loop) => loop.start(workerId));
  log.info(
    { workerId, jobs: jobs.map((j) => j.queue.name), loops: loops.map((l) => l.name) },
    'worker started',
  );

  let stopping: Promise<void> | undefined;
  return {
    workerId,
    stop: () => {
      stopping ??= (async () => {
        log.info({ workerId, timeoutMs: WORKER_SHUTDOWN_TIMEOUT_MS }, 'worker stopping');
        await Promise.all(running.map((r) => r.stop()));
        await boss.stop({ graceful: true, timeout: WORKER_SHUTDOWN_TIMEOUT_MS, close: true });
        for (const job of jobs) await job.onStop?.();
        await heartbeat.stop();
        await closeDb();
        log.info({ workerId }, 'worker stopped');
      })();
      return stopping;
    },
  };
}

/** A batch handler's jobs: invalid payloads dead-lettered, the rest completed or failed together. */
async function runBatch(job: WorkerJob, batch: Job<unknown>[], boss: PgBoss): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const items: { jobId: string; payload: unknown }[] = [];
  for (const item of batch) {
    const payload = job.queue.schema.safeParse(item.data);
    if (payload.success) items.push({ jobId: item.id, payload: payload.data });
    else {
      log.error(
        { queue: job.queue.name, jobId: item.id, issues: payload.error.issues },
        'job payload rejected',
      );
      results.push({ id: item.id, status: 'deadletter', output: { error: 'invalid payload' } });
    }
  }
  if (items.length === 0) return results;
  try {
    await job.handleBatch!(items, { signal: AbortSignal.any(batch.map((b) => b.signal)), boss });
    for (const item of items) results.push({ id: item.jobId, status: 'completed' });
  } catch (error) {
    log.warn({ queue: job.queue.name, jobs: items.length, err: error }, 'job batch failed');
    const output = { error: error instanceof Error ? error.message : String(error) };
    for (const item of items) results.push({ id: item.jobId, status: 'failed', output });
  }
  return results;
}
