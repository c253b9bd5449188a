// The push benchmarks' set-up: n Dovecot mailboxes of one organisation, nothing scheduled for a
// day (so every message comes in by push), returned once a worker watches each with IDLE and has
// run its first push sync.
import { inArray } from 'drizzle-orm';
import type { OrgContext } from '@/lib/auth/org-context';
import type { Db } from '@/lib/db/client';
import { inboxMailboxes, inboxPushLeases } from '@/lib/db/schema/inbox';
import { createIntegration } from '@/lib/inbox/create-integration';
import type { Dovecot } from '../helpers/dovecot';
import { waitFor } from '../helpers/wait-for';

export async function createWatchedMailboxes(
  db: Db,
  ctx: OrgContext,
  dovecot: Dovecot,
  count: number,
  prefix: string,
): Promise<{ ids: string[]; users: { email: string; password: string }[] }> {
  const users = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}${i}@example.com`,
    password: `pw-${i}`,
  }));
  await dovecot.addUsers(users);
  const ids: string[] = [];
  for (const [i, u] of users.entries()) {
    const m = await createIntegration(db, ctx, {
      name: `${prefix} ${i}`,
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: u.email,
      password: u.password,
      intervalMinutes: 1440,
    });
    ids.push(m.id);
  }
  await db
    .update(inboxMailboxes)
    .set({ nextSyncAt: new Date(Date.now() + 86_400_000) })
    .where(inArray(inboxMailboxes.id, ids));
  await waitFor(
    async () => {
      const rows = await db.select().from(inboxMailboxes).where(inArray(inboxMailboxes.id, ids));
      const leases = await db.select().from(inboxPushLeases).where(inArray(inboxPushLeases.mailboxId, ids));
      return leases.length === ids.length && rows.every((r) => r.lastRun?.reason === 'push');
    },
    { what: 'every mailbox to be watched', timeoutMs: 120_000, intervalMs: 250 },
  );
  return { ids, users };
}
