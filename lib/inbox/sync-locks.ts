// The two rules that hold across every worker process and the CLI: one sync per mailbox at a
// time, and at most INBOX_MAX_CONNECTIONS_PER_HOST connections to one mail server (providers
// block accounts that open too many). Both are PostgreSQL session advisory locks held on one
// reserved connection for the whole run, so a crashed process releases them with its connection.
import type postgres from 'postgres';
import { getDb, getSql } from '../db/client';
import { idleConnectionsTo } from './push-leases';

export type SyncLocks =
  | { kind: 'acquired'; release: () => Promise<void> }
  | { kind: 'already-running' }
  | { kind: 'host-busy' };

export async function acquireSyncLocks(
  mailbox: { id: string; host: string },
  options: {
    maxPerHost: number;
    waitMs: number;
    signal?: AbortSignal;
    lockMailbox?: boolean;
    /** false: the run uses a connection already counted (the IDLE one), so it takes no host slot. */
    hostSlot?: boolean;
  },
): Promise<SyncLocks> {
  const conn = await getSql().reserve();
  const release = async () => {
    try {
      await conn`select pg_advisory_unlock_all()`;
    } finally {
      conn.release();
    }
  };
  try {
    if (options.lockMailbox !== false && !(await tryLock(conn, `inbox-mailbox:${mailbox.id}`))) {
      conn.release();
      return { kind: 'already-running' };
    }
    if (options.hostSlot === false) return { kind: 'acquired', release };
    const host = mailbox.host.trim().toLowerCase();
    const giveUpAt = Date.now() + options.waitMs;
    // IDLE connections (push) hold part of the host's cap; at least one slot is always left to syncs.
    const slots = Math.max(1, options.maxPerHost - (await idleConnectionsTo(getDb(), host)));
    for (;;) {
      for (let slot = 0; slot < slots; slot++) {
        if (await tryLock(conn, `inbox-host:${host}:${slot}`)) return { kind: 'acquired', release };
      }
      if (Date.now() >= giveUpAt || options.signal?.aborted) {
        await release();
        return { kind: 'host-busy' };
      }
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 200));
    }
  } catch (error) {
    conn.release();
    throw error;
  }
}

async function tryLock(conn: postgres.ReservedSql, key: string): Promise<boolean> {
  const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`;
  return row?.ok === true;
}
