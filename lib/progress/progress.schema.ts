import { z } from 'zod';
import { runEventKindEnum, runStatusEnum } from '../db/schema/progress';

/** A run's counters at one moment; every event carries them as they were right after it. */
export const runCounters = z.object({
  status: z.enum(runStatusEnum.enumValues),
  total: z.number().int(),
  processed: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type RunCounters = z.infer<typeof runCounters>;

/** A run as the API and pages show it. */
export const runView = runCounters.extend({
  id: z.uuid(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  lastSeq: z.number().int(),
  createdAt: z.date(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  cancelRequestedAt: z.date().nullable(),
});
export type RunView = z.infer<typeof runView>;

/**
 * One progress event as it travels: in the NOTIFY payload, in the SSE `data:` line, in the API.
 * `at` is an ISO timestamp; `data.counters` holds the run's counters right after the event.
 */
export const runEventMessage = z.object({
  runId: z.uuid(),
  seq: z.number().int().positive(),
  kind: z.enum(runEventKindEnum.enumValues),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).and(z.object({ counters: runCounters })),
  at: z.string(),
});
export type RunEventMessage = z.infer<typeof runEventMessage>;

export const listRunsQuery = z.object({
  kind: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const runEventsQuery = z.object({
  /** For clients that cannot set the Last-Event-ID header (the header wins when both are given). */
  lastEventId: z.coerce.number().int().min(0).optional(),
});
