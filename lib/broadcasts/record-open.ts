// The open pixel was fetched: a per-person token records an "opened" delivery event on its email
// (which reaches this origin's handler: readAt on the first human open); a per-message token only
// counts the open on the message. Unknown or forged tokens do nothing. Nothing about the request
// (address, agent) is stored: the agent only decides human or machine.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { broadcastRecipients, broadcastSettings, broadcasts } from '../db/schema/broadcasts';
import { recordDeliveryEvents } from '../outbox/record-delivery-events';
import { classifyOpen } from './classify-open';
import { recordBroadcastEvents } from './record-broadcast-events';
import { verifyToken } from './tracking-token';

export async function recordOpen(db: Db, token: string, userAgent: string | null): Promise<void> {
  const kind = classifyOpen(userAgent);
  const personal = verifyToken('open', token);
  if (personal) {
    const [r] = await db
      .select({
        orgId: broadcastRecipients.orgId,
        outboxMessageId: broadcastRecipients.outboxMessageId,
        perPerson: broadcastSettings.perPersonTracking,
        broadcastId: broadcastRecipients.broadcastId,
      })
      .from(broadcastRecipients)
      .leftJoin(broadcastSettings, eq(broadcastSettings.orgId, broadcastRecipients.orgId))
      .where(eq(broadcastRecipients.token, personal));
    if (!r?.outboxMessageId) return;
    if (!r.perPerson) {
      // Per-person tracking was turned off since it was sent: count it on the message only.
      await countOnMessage(db, eq(broadcasts.id, r.broadcastId), kind.machine);
      return;
    }
    const ctx = { orgId: r.orgId, role: 'admin' as const, actor: { kind: 'system' as const } };
    const event = {
      messageId: r.outboxMessageId,
      kind: 'opened' as const,
      detail: kind.machine ? `machine: ${kind.why}` : 'human',
      source: 'tracking',
    };
    const { recorded } = await recordDeliveryEvents(db, ctx, [event]);
    // The outbox row may be gone (retention): the recipient still hears of it.
    if (recorded === 0) await recordBroadcastEvents(db, [{ ...event, at: new Date() }]);
    return;
  }
  const aggregate = verifyToken('open-all', token);
  if (aggregate) await countOnMessage(db, eq(broadcasts.aggregateToken, aggregate), kind.machine);
}

async function countOnMessage(db: Db, where: ReturnType<typeof eq>, machine: boolean) {
  await db
    .update(broadcasts)
    .set(
      machine
        ? { machineOpens: sql`${broadcasts.machineOpens} + 1` }
        : { humanOpens: sql`${broadcasts.humanOpens} + 1` },
    )
    .where(where);
}
