// The organisation's message settings (defaults when it has none): per-person open tracking.
import { eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastSettings } from '../db/schema/broadcasts';

export async function getBroadcastSettings(
  db: DbOrTx,
  ctx: OrgContext,
): Promise<{ perPersonTracking: boolean }> {
  const [row] = await db.select().from(broadcastSettings).where(eq(broadcastSettings.orgId, ctx.orgId));
  return { perPersonTracking: row?.perPersonTracking ?? false };
}
