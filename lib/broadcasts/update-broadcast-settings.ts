// Turn per-person open tracking on or off (admins). Off, opens are counted per message only.
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastSettings } from '../db/schema/broadcasts';
import { broadcastSettingsInput } from './broadcast.schema';

export async function updateBroadcastSettings(
  db: DbOrTx,
  ctx: OrgContext,
  input: { perPersonTracking: boolean },
): Promise<{ perPersonTracking: boolean }> {
  requireRole(ctx, 'admin');
  const { perPersonTracking } = parseOr400(broadcastSettingsInput, input, 'request body');
  await db
    .insert(broadcastSettings)
    .values({ orgId: ctx.orgId, perPersonTracking })
    .onConflictDoUpdate({
      target: broadcastSettings.orgId,
      set: { perPersonTracking, updatedAt: new Date() },
    });
  return { perPersonTracking };
}
