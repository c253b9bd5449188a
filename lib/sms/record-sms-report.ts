// A provider's delivery report for one SMS, as a delivery event of its outbox message (found by the
// provider's message id among the account's SMS): recorded and dispatched to the message's origin
// by lib/outbox/record-delivery-events.ts. A report seen before (providers retry their callbacks) or
// about a message we do not know is acknowledged and dropped.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type DeliveryEventKind, deliveryEvents, outboxMessages } from '../db/schema/outbox';
import { recordDeliveryEvents } from '../outbox/record-delivery-events';
import type { WebhookAccount } from './webhook-account';

export async function recordSmsReport(
  db: DbOrTx,
  hook: WebhookAccount,
  report: {
    providerMessageId: string;
    kind: DeliveryEventKind;
    recipient: string | null;
    detail: string | null;
    at?: Date;
  },
): Promise<{ recorded: number }> {
  const source = `webhook:${hook.account.kind}`;
  const [message] = await db
    .select({ id: outboxMessages.id, to: outboxMessages.to })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.orgId, hook.account.orgId),
        eq(outboxMessages.senderId, hook.account.id),
        eq(outboxMessages.channel, 'sms'),
        eq(outboxMessages.providerMessageId, report.providerMessageId),
      ),
    );
  if (!message) return { recorded: 0 };
  const [seen] = await db
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .where(
      and(
        eq(deliveryEvents.messageId, message.id),
        eq(deliveryEvents.kind, report.kind),
        eq(deliveryEvents.source, source),
      ),
    )
    .limit(1);
  if (seen) return { recorded: 0 };
  return recordDeliveryEvents(db, hook.ctx, [
    {
      messageId: message.id,
      recipient: message.to[0]?.address ?? report.recipient,
      kind: report.kind,
      at: report.at ?? new Date(),
      detail: report.detail,
      source,
    },
  ]);
}
