// Bounces read from a mailbox become delivery events of the outbox messages they are about: the
// original is found by the Message-ID the bounce returns (only this organisation's messages), and
// each failed recipient gets a `bounced-hard` or `bounced-soft` event with the remote server's
// diagnostic; a recipient a report says was delivered (a delivery report, or the delivered part of
// a mixed one) gets a `delivered` event instead — never a bounce, never a suppression. recordDeliveryEvents hands them to the message's origin (an invoice run shows the
// bounce) and puts hard-bounced addresses on the suppression list. Runs in the transaction that
// stores the bounce, so a bounce stored once is recorded once.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { InboxBounceReport } from '../db/schema/inbox';
import type { DeliveryEventInput } from '../outbox/delivery-event.schema';
import { recordDeliveryEvents } from '../outbox/record-delivery-events';

export type IncomingBounce = { report: InboxBounceReport; receivedAt: Date };

/** Sets each report's `outboxMessageId` when its original is one of ours, and records the events. */
export async function recordBounces(tx: DbOrTx, orgId: string, bounces: IncomingBounce[]): Promise<number> {
  const ids = [
    ...new Set(bounces.flatMap((b) => (b.report.originalMessageId ? [b.report.originalMessageId] : []))),
  ];
  if (ids.length === 0) return 0;
  const found = await tx.execute<{ id: string; message_id: string; to: string[] }>(sql`
    select id, message_id, (
      select coalesce(jsonb_agg(lower(r->>'address')), '[]'::jsonb)
      from jsonb_array_elements(m."to" || m.cc || m.bcc) r
    ) as "to"
    from outbox_messages m
    where m.org_id = ${orgId} and m.message_id = any(${sql.param(ids)}::text[])`);
  const byMessageId = new Map(found.map((f) => [f.message_id, f]));
  const events: DeliveryEventInput[] = [];
  for (const { report, receivedAt } of bounces) {
    const original = report.originalMessageId ? byMessageId.get(report.originalMessageId) : undefined;
    if (!original) continue;
    report.outboxMessageId = original.id;
    // A report that names no recipient we can read still bounced the message: say so for all.
    const recipients = report.recipients.length
      ? report.recipients
      : [{ address: null, hard: true, status: null, diagnostic: null }];
    for (const r of recipients) {
      events.push({
        messageId: original.id,
        recipient: r.address,
        kind:
          'outcome' in r && r.outcome === 'delivered'
            ? 'delivered'
            : r.hard
              ? 'bounced-hard'
              : 'bounced-soft',
        at: receivedAt,
        detail: [r.status, r.diagnostic].filter(Boolean).join(' ').slice(0, 2000) || null,
        source: 'inbox',
      });
    }
  }
  if (events.length === 0) return 0;
  const { recorded } = await recordDeliveryEvents(
    tx,
    { orgId, role: 'admin', actor: { kind: 'system' } },
    events,
  );
  return recorded;
}
