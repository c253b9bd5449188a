// Several mailboxes synced in this process, a few at a time (the CLI's inbox:sync, benchmarks).
// The per-mailbox and per-host locks still hold against the worker and other processes.
import type { Db } from '../db/client';
import { type SyncOptions, type SyncOutcome, syncMailbox } from './sync-mailbox';

export async function syncMailboxes(
  db: Db,
  mailboxIds: string[],
  options: SyncOptions & { concurrency: number; onOutcome?: (outcome: SyncOutcome) => void },
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < mailboxIds.length) {
      const id = mailboxIds[next++]!;
      const outcome = await syncMailbox(db, id, options);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, mailboxIds.length)) }, lane),
  );
  return outcomes;
}
