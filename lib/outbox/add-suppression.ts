// A person (page or REST) puts an address on the suppression list. Already there: the existing
// entry is returned unchanged (its reason, a hard bounce say, is worth more than a second note).
import { and, eq } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import { actorUserId, type OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { suppressedAddresses } from '../db/schema/suppressions';
import { type AddSuppressionInput, addSuppressionInput, type SuppressionView } from './suppressions.schema';

export async function addSuppression(
  db: DbOrTx,
  ctx: OrgContext,
  input: AddSuppressionInput,
  source: 'ui' | 'api',
): Promise<{ suppression: SuppressionView; created: boolean }> {
  const entry = parseOr400(addSuppressionInput, input);
  const inserted = await db
    .insert(suppressedAddresses)
    .values({
      orgId: ctx.orgId,
      address: entry.address,
      reason: entry.reason,
      source,
      detail: entry.detail || null,
      createdBy: actorUserId(ctx),
    })
    .onConflictDoNothing()
    .returning();
  const row =
    inserted[0] ??
    (
      await db
        .select()
        .from(suppressedAddresses)
        .where(and(eq(suppressedAddresses.orgId, ctx.orgId), eq(suppressedAddresses.address, entry.address)))
    )[0]!;
  const { orgId: _o, createdBy: _c, ...view } = row;
  return { suppression: view, created: inserted.length > 0 };
}
