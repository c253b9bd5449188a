// A worker's push side: every few seconds it renews and claims IDLE leases (push-leases.ts), starts a
// watcher (watch-mailbox.ts) for each mailbox it now holds and stops those it no longer holds.
// Stopping gives the leases back so another worker takes over at once; a crashed worker's leases
// expire after INBOX_PUSH_LEASE_SECONDS and are taken over then. A mailbox whose server keeps
// refusing its IDLE connection rests for a while, its lease given back: IDLE slots are few per host
// and one dead server must not keep live mailboxes on that host waiting for the interval sync
// (its interval sync goes on, and it is watched again after the rest).
import type { Db } from '../db/client';
import { env } from '../env';
import { log } from '../log';
import { claimPushLeases, releasePushLeases } from './push-leases';
import { MailboxWatcher } from './watch-mailbox';

export type PushSupervisorOptions = {
  holder: string;
  leaseMs?: number;
  renewIdleMs?: number;
  maxPerHost?: number;
  /** How long a failing mailbox leaves its IDLE slot to others (default 5 minutes). */
  restMs?: number;
};

const REST_MS = 5 * 60_000;

export function startPushSupervisor(db: Db, options: PushSupervisorOptions): { stop: () => Promise<void> } {
  const e = env();
  const leaseMs = options.leaseMs ?? e.INBOX_PUSH_LEASE_SECONDS * 1000;
  const renewMs = options.renewIdleMs ?? e.INBOX_IDLE_RENEW_MINUTES * 60_000;
  const maxPerHost = options.maxPerHost ?? e.INBOX_MAX_CONNECTIONS_PER_HOST;
  const watchers = new Map<string, MailboxWatcher>();
  const limit = concurrencyLimit(e.INBOX_SYNC_CONCURRENCY);
  const resting = new Map<string, number>();
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const tick = async () => {
    if (stopped) return;
    try {
      const now = Date.now();
      for (const [id, watcher] of watchers) {
        if (!watcher.failing) continue;
        watchers.delete(id);
        resting.set(id, now + (options.restMs ?? REST_MS));
        await watcher.stop();
        await releasePushLeases(db, options.holder, id);
        log.info({ mailboxId: id }, 'inbox push resting after failed connections; its slot is free');
      }
      for (const [id, until] of resting) if (until <= now) resting.delete(id);
      const held = new Set(
        await claimPushLeases(db, {
          holder: options.holder,
          ttlMs: leaseMs,
          maxPerHost,
          skip: [...resting.keys()],
        }),
      );
      for (const id of held) {
        if (!watchers.has(id)) watchers.set(id, new MailboxWatcher(db, id, { renewMs, limit }));
      }
      for (const [id, watcher] of watchers) {
        if (!held.has(id)) {
          watchers.delete(id);
          await watcher.stop();
        }
      }
    } catch (error) {
      log.warn({ err: error }, 'inbox push leases could not be renewed');
    }
  };
  // Renewed three times per lease period, so one slow round never loses a lease.
  const timer = setInterval(
    () => {
      ticking = ticking.then(tick);
    },
    Math.max(500, Math.floor(leaseMs / 3)),
  );
  ticking = tick();

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await Promise.all([...watchers.values()].map((w) => w.stop()));
      watchers.clear();
      await releasePushLeases(db, options.holder).catch(() => {});
    },
  };
}

/** At most `n` of the given works at once, the others waiting in order. */
function concurrencyLimit(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
