// Exactly one worker process holds a mailbox's IDLE connection: a lease row per mailbox, renewed by
// its holder; once it has expired (the holder died or hung), any worker may take it over. IDLE
// connections count against INBOX_MAX_CONNECTIONS_PER_HOST: a host keeps one slot free for syncs.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes, inboxPushLeases } from '../db/schema/inbox';
import { uuidArray } from '../outbox/uuid-array';

export type LeaseOptions = {
  holder: string;
  ttlMs: number;
  maxPerHost: number;
  /** Mailboxes resting after failed connections: not claimed now, so others on their host are. */
  skip?: string[];
};

/** Renews this holder's leases, drops those no longer wanted, claims free ones; returns the held mailbox ids. */
export async function claimPushLeases(db: DbOrTx, options: LeaseOptions): Promise<string[]> {
  const { holder, ttlMs } = options;
  const until = sql`now() + ${`${ttlMs} milliseconds`}::interval`;
  // Paused mailboxes and mailboxes with push off are let go.
  await db.execute(sql`
    delete from ${inboxPushLeases} l using ${inboxMailboxes} m
    where l.holder = ${holder} and m.id = l.mailbox_id and not (m.active and m.push)`);
  const renewed = await db.execute<{ mailbox_id: string }>(sql`
    update ${inboxPushLeases} set expires_at = ${until}
    where holder = ${holder} and expires_at > now()
    returning mailbox_id`);
  const held = new Set(renewed.map((r) => r.mailbox_id));

  const free = await db.execute<{ id: string; host: string }>(sql`
    select m.id, lower(m.host) as host from ${inboxMailboxes} m
    left join ${inboxPushLeases} l on l.mailbox_id = m.id
    where m.active and m.push and (l.mailbox_id is null or l.expires_at <= now())
      and not (m.id = any(${uuidArray(options.skip ?? [])}))
    order by m.created_at, m.id
    limit 500`);
  for (const m of free) {
    const [claimed] = await db.execute<{ mailbox_id: string }>(sql`
      insert into ${inboxPushLeases} (mailbox_id, host, holder, expires_at)
      select ${m.id}, ${m.host}, ${holder}, ${until}
      where (select count(*) from ${inboxPushLeases}
             where host = ${m.host} and expires_at > now() and mailbox_id <> ${m.id}) < ${options.maxPerHost - 1}
      on conflict (mailbox_id) do update
        set holder = excluded.holder, expires_at = excluded.expires_at, acquired_at = now()
        where ${inboxPushLeases}.expires_at <= now()
      returning mailbox_id`);
    if (claimed) held.add(claimed.mailbox_id);
  }
  return [...held];
}

/** Gives the leases back at shutdown, so another worker takes over at once. */
export async function releasePushLeases(db: DbOrTx, holder: string, mailboxId?: string): Promise<void> {
  await db.execute(
    mailboxId
      ? sql`delete from ${inboxPushLeases} where holder = ${holder} and mailbox_id = ${mailboxId}`
      : sql`delete from ${inboxPushLeases} where holder = ${holder}`,
  );
}

/** Live IDLE connections to a host (a sync run leaves these slots to them). */
export async function idleConnectionsTo(db: DbOrTx, host: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${inboxPushLeases}
    where host = ${host.trim().toLowerCase()} and expires_at > now()`);
  return row?.n ?? 0;
}
