// One SMS of the organisation: its delivery record, its content and its delivery reports (404 for
// another organisation's, or an email).
import { and, asc, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { deliveryEvents, outboxMessages } from '../db/schema/outbox';
import { outboxSms } from '../db/schema/sms';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { SmsView } from './sms.schema';

export async function getSms(db: DbOrTx, ctx: OrgContext, id: string): Promise<SmsView> {
  const { m, s } = firstOr404(
    await db
      .select({ m: outboxMessages, s: outboxSms })
      .from(outboxMessages)
      .innerJoin(outboxSms, eq(outboxSms.messageId, outboxMessages.id))
      .where(and(byIdInOrg(outboxMessages, id, ctx), eq(outboxMessages.channel, 'sms'))),
    'SMS',
  );
  const events = await db
    .select({
      kind: deliveryEvents.kind,
      at: deliveryEvents.at,
      detail: deliveryEvents.detail,
      source: deliveryEvents.source,
    })
    .from(deliveryEvents)
    .where(eq(deliveryEvents.messageId, m.id))
    .orderBy(asc(deliveryEvents.at), asc(deliveryEvents.createdAt));
  return {
    id: m.id,
    status: m.status,
    queue: m.queue,
    smsAccountId: m.senderId,
    from: m.fromAddress,
    to: s.toPhone,
    text: s.text,
    segments: s.segments,
    encoding: s.encoding,
    attempts: m.attempts,
    lastError: m.lastError,
    providerMessageId: m.providerMessageId,
    sendAt: m.sendAt,
    expiresAt: m.expiresAt,
    sentAt: m.sentAt,
    createdAt: m.createdAt,
    events,
  };
}
