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
  work?: Pick<
    WorkOptions,
    'batchSize' | 'localConcurrency' | 'pollingIntervalSeconds' | 'burstWhenBatchFull'
  >;
  /** Cron expression (UTC): the worker schedules this job with an empty payload. */
  cron?: string;
  handle: (payload: z.infer<S>, job: JobContext) => Promise<unknown>;
};

export function defineJob<S extends z.ZodType>(job: WorkerJob<S>): WorkerJob<S> {
  return job;
}
