// Change the organisation's message settings (admins): per-person open tracking (off, opens are
// counted per message only) and the STOP mention of group SMS. What is not given stays.
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastSettings } from '../db/schema/broadcasts';
import {
  type BroadcastSettingsInput,
  type BroadcastSettingsView,
  broadcastSettingsInput,
} from './broadcast.schema';
import { getBroadcastSettings } from './get-broadcast-settings';

export async function updateBroadcastSettings(
  db: DbOrTx,
  ctx: OrgContext,
  input: BroadcastSettingsInput,
): Promise<BroadcastSettingsView> {
  requireRole(ctx, 'admin');
  const parsed = parseOr400(broadcastSettingsInput, input, 'request body');
  const set = {
    ...(parsed.perPersonTracking !== undefined ? { perPersonTracking: parsed.perPersonTracking } : {}),
    ...(parsed.smsStopMention !== undefined ? { smsStopMention: parsed.smsStopMention || null } : {}),
  };
  await db
    .insert(broadcastSettings)
    .values({ orgId: ctx.orgId, ...set })
    .onConflictDoUpdate({ target: broadcastSettings.orgId, set: { ...set, updatedAt: new Date() } });
  return getBroadcastSettings(db, ctx);
}
