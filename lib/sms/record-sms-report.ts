// A provider's delivery report for one SMS, as a delivery event of its outbox message (found by the
// provider's message id among the account's SMS): recorded and dispatched to the message's origin
// by lib/outbox/record-delivery-events.ts. A report seen before (providers retry their callbacks)
// is acknowledged and dropped. A report about an SMS we do not know by that id yet — the provider
// called back before the settle that records the id committed — is kept (lib/sms/early-reports.ts)
// and recorded once the id is known, never dropped.
import { and, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type DeliveryEventKind, deliveryEvents, outboxMessages } from '../db/schema/outbox';
import { recordDeliveryEvents } from '../outbox/record-delivery-events';
import { keepEarlyReport } from './early-reports';
import type { WebhookAccount } from './webhook-account';

export type SmsReport = {
  providerMessageId: string;
  kind: DeliveryEventKind;
  recipient: string | null;
  detail: string | null;
  at?: Date;
};

export async function recordSmsReport(
  db: DbOrTx,
  hook: WebhookAccount,
  report: SmsReport,
): Promise<{ recorded: number; kept?: true }> {
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
  if (!message) {
    await keepEarlyReport(db, hook.account, { ...report, source });
    return { recorded: 0, kept: true };
  }
  return recordReportOf(db, hook.ctx, message, { ...report, source });
}

/** Records the report as the SMS's delivery event, unless the same one was recorded before. */
export async function recordReportOf(
  db: DbOrTx,
  ctx: OrgContext,
  message: { id: string; to: { address: string }[] },
  report: SmsReport & { source: string },
): Promise<{ recorded: number }> {
  const [seen] = await db
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .where(
      and(
        eq(deliveryEvents.messageId, message.id),
        eq(deliveryEvents.kind, report.kind),
        eq(deliveryEvents.source, report.source),
      ),
    )
    .limit(1);
  if (seen) return { recorded: 0 };
  return recordDeliveryEvents(db, ctx, [
    {
      messageId: message.id,
      recipient: message.to[0]?.address ?? report.recipient,
      kind: report.kind,
      at: report.at ?? new Date(),
      detail: report.detail,
      source: report.source,
    },
  ]);
}
