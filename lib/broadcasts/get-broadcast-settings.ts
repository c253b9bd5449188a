// The organisation's message settings (defaults when it has none): per-person open tracking and
// the STOP mention of group SMS.
import { eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastSettings } from '../db/schema/broadcasts';
import type { BroadcastSettingsView } from './broadcast.schema';

export async function getBroadcastSettings(db: DbOrTx, ctx: OrgContext): Promise<BroadcastSettingsView> {
  const [row] = await db.select().from(broadcastSettings).where(eq(broadcastSettings.orgId, ctx.orgId));
  return { perPersonTracking: row?.perPersonTracking ?? false, smsStopMention: row?.smsStopMention ?? null };
}
