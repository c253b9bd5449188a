// What every step of one mailbox's sync run shares: the open connection, the mailbox row, the
// limits from the configuration, and when to stop (time budget, job cancellation).
import type { ImapFlow } from 'imapflow';
import type { Db } from '../db/client';
import type { InboxMailbox } from '../db/schema/inbox';
import { env } from '../env';

export type SyncLimits = {
  /** First sync and rescans only look at messages received in the last N days (0 = all). */
  windowDays: number;
  /** UIDs per FETCH command and per transaction. */
  batchSize: number;
  /** Larger messages are quarantined without being downloaded. */
  maxMessageBytes: number;
  /** A run stops starting new batches after this long; the next run continues from the cursor. */
  maxRunMs: number;
};

export type SyncContext = {
  db: Db;
  client: ImapFlow;
  mailbox: InboxMailbox;
  limits: SyncLimits;
  deadline: number;
  signal?: AbortSignal;
};

export function syncLimitsFromEnv(): SyncLimits {
  const e = env();
  return {
    windowDays: e.INBOX_SYNC_WINDOW_DAYS,
    batchSize: e.INBOX_SYNC_BATCH_SIZE,
    maxMessageBytes: Math.round(e.INBOX_MAX_MESSAGE_MB * 1024 * 1024),
    maxRunMs: e.INBOX_SYNC_MAX_SECONDS * 1000,
  };
}

/** True once the run should stop starting new work. */
export function outOfTime(ctx: SyncContext): boolean {
  return Date.now() >= ctx.deadline || Boolean(ctx.signal?.aborted);
}

/** `1,5,7:9` style UID set, compact for runs of consecutive UIDs. */
export function uidSet(uids: number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
