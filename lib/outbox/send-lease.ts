// The lease a worker holds on the messages of a batch while it sends them: renewed every third of
// its length, and known locally — when it was last written, so when it runs out — so that a
// worker that cannot reach the database keeps trying to record what it already knows for exactly
// as long as no other worker may take those messages (lib/outbox/recover-stale-messages.ts).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { log } from '../log';
import { uuidArray } from './uuid-array';

export type SendLease = {
  /** When the lease runs out for sure (ms since the epoch, this process's clock). */
  deadline: () => number;
  /** Extends the lease now; throws when the database does not answer. */
  renew: () => Promise<void>;
  stop: () => void;
};

/** `claimedAt`: taken before the claiming transaction began, so the deadline is never late. */
export function holdSendLease(
  db: Db,
  ids: string[],
  options: { workerId: string; leaseSeconds: number; claimedAt: number },
): SendLease {
  const { workerId, leaseSeconds } = options;
  let writtenAt = options.claimedAt;
  let stopped = false;
  const renew = async () => {
    const startedAt = Date.now();
    await db.execute(sql`
      update outbox_messages set locked_until = now() + make_interval(secs => ${leaseSeconds})
      where id = any(${uuidArray(ids)}) and status = 'sending' and locked_by = ${workerId}
    `);
    writtenAt = Math.max(writtenAt, startedAt);
  };
  const timer = setInterval(
    () => {
      if (stopped) return;
      renew().catch((error) => log.warn({ err: error }, 'renewing the send lease failed'));
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();
  return {
    deadline: () => writtenAt + leaseSeconds * 1000,
    renew,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
