// \Seen changes made on the server (read in another mail client) since the last run. With
// CONDSTORE only the messages whose MODSEQ moved are fetched; without it, the flags of the
// folder's known UIDs are compared (the caller only does that when STATUS counts moved).
import { sql } from 'drizzle-orm';
import { inboxMessages } from '../db/schema/inbox';
import type { BatchTarget } from './fetch-batch';
import type { SyncContext } from './sync-context';

const UPDATE_CHUNK = 5000;

export async function syncFlags(
  ctx: SyncContext,
  target: BatchTarget,
  upToUid: number,
  changedSince: bigint | null,
): Promise<number> {
  if (upToUid < 1) return 0;
  const flags: { uid: number; seen: boolean }[] = [];
  for await (const msg of ctx.client.fetch(
    `1:${upToUid}`,
    { uid: true, flags: true },
    { uid: true, ...(changedSince !== null ? { changedSince } : {}) },
  )) {
    flags.push({ uid: msg.uid, seen: msg.flags?.has('\\Seen') ?? false });
  }
  let updated = 0;
  for (let i = 0; i < flags.length; i += UPDATE_CHUNK) {
    const values = JSON.stringify(flags.slice(i, i + UPDATE_CHUNK));
    const result = await ctx.db.execute(sql`
      update ${inboxMessages} m set seen = v.seen
      from jsonb_to_recordset(${values}::jsonb) as v(uid bigint, seen boolean)
      where m.mailbox_id = ${ctx.mailbox.id} and m.folder = ${target.folder}
        and m.uid_validity = ${target.uidValidity} and m.uid = v.uid and m.seen <> v.seen`);
    updated += result.count;
  }
  return updated;
}
