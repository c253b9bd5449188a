// Every job the worker runs, listed explicitly: a job that is not here does not run.
import type { WorkerJob } from './job';
import { authCleanupJob } from './jobs/auth-cleanup';

export const registry: WorkerJob[] = [authCleanupJob as WorkerJob];
