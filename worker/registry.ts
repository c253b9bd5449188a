// Every job the worker runs, listed explicitly: a job that is not here does not run.
import type { WorkerJob, WorkerLoop } from './job';
import { authCleanupJob } from './jobs/auth-cleanup';
import { broadcastDueJob } from './jobs/broadcast-due';
import { inboxDispatchJob } from './jobs/inbox-dispatch';
import { inboxFlagJob } from './jobs/inbox-flag';
import { inboxPushLoop } from './jobs/inbox-push';
import { inboxSyncJob } from './jobs/inbox-sync';
import { outboxRecoverJob } from './jobs/outbox-recover';
import { outboxRetentionJob } from './jobs/outbox-retention';
import { outboxSearchIndexLoop } from './jobs/outbox-search-index';
import { outboxSendBulkJob, outboxSendTransactionalJob } from './jobs/outbox-send';
import { smsEarlyReportsJob } from './jobs/sms-early-reports';

export const registry: WorkerJob[] = [
  authCleanupJob as WorkerJob,
  outboxSendTransactionalJob as WorkerJob,
  outboxSendBulkJob as WorkerJob,
  outboxRecoverJob as WorkerJob,
  outboxRetentionJob as WorkerJob,
  inboxDispatchJob as WorkerJob,
  inboxSyncJob as WorkerJob,
  inboxFlagJob as WorkerJob,
  broadcastDueJob as WorkerJob,
  smsEarlyReportsJob as WorkerJob,
];

/** Loops every worker process runs beside its jobs. */
export const loops: WorkerLoop[] = [inboxPushLoop, outboxSearchIndexLoop];
