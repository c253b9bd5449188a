// A signed-in user always has at least one organisation: the first time they arrive without one
// (and not through an invitation), one is made for them with them as owner. Two requests of the
// same page render at once, so the check-and-create runs under a per-user lock.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { memberships } from '../db/schema/orgs';
import { createOrganization } from './create-organization';

export async function ensureUserOrganization(
  db: DbOrTx,
  user: { id: string; email: string; name: string | null },
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`user-org:${user.id}`}))`);
    const existing = await tx.$count(memberships, eq(memberships.userId, user.id));
    if (existing > 0) return;
    const label = user.name || user.email.split('@')[0] || 'My';
    await createOrganization(tx, { name: `${label}'s organisation` }, user.id);
  });
}
