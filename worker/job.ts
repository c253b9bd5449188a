// The shape of a job the worker runs: the queue it takes from (lib/jobs/queues.ts), how it
// fetches, an optional cron schedule, and a handler called once per job with a validated payload.
import type { PgBoss, WorkOptions } from 'pg-boss';
import type { z } from 'zod';
import type { QueueDefinition } from '@/lib/jobs/queues';

export type JobContext = {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the job expires or the worker is shutting down: long handlers should honour it. */
  signal: AbortSignal;
  boss: PgBoss;
};

export type WorkerJob<S extends z.ZodType = z.ZodType> = {
  queue: QueueDefinition<S>;
  /** Fetch options; a function when they come from the configuration (read at worker start). */
  work?: JobWorkOptions | (() => JobWorkOptions);
  /** Cron expression (UTC): the worker schedules this job with an empty payload. */
  cron?: string;
  handle?: (payload: z.infer<S>, job: JobContext) => Promise<unknown>;
  /**
   * Instead of `handle`, for work worth doing a whole fetched batch at once (sending over pooled
   * connections): every valid payload of the batch in one call. Throwing fails (and retries) them all.
   */
  handleBatch?: (items: { jobId: string; payload: z.infer<S> }[], ctx: BatchContext) => Promise<void>;
  /** Called once when the worker stops, after its last job (to close pooled connections). */
  onStop?: () => Promise<void> | void;
};

export type JobWorkOptions = Pick<
  WorkOptions,
  | 'batchSize'
  | 'localConcurrency'
  | 'pollingIntervalSeconds'
  | 'notifyPollingIntervalSeconds'
  | 'burstWhenBatchFull'
>;

export type BatchContext = {
  /** Aborted when any job of the batch expires or the worker is shutting down. */
  signal: AbortSignal;
  boss: PgBoss;
};

/**
 * Something a worker process keeps running beside its jobs (the inbox's IDLE connections): started
 * with the worker's id once the worker is up, stopped before its jobs' connections close.
 */
export type WorkerLoop = {
  name: string;
  start: (workerId: string) => { stop: () => Promise<void> };
};

export function defineJob<S extends z.ZodType>(job: WorkerJob<S>): WorkerJob<S> {
  return job;
}
