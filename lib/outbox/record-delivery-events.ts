// The one way to record what happened to messages after they were sent: the events are stored
// (per message and recipient) and dispatched to each message's origin in the same transaction —
// a bulk run hears "bounced" the way it heard "sent". Events of another organisation's messages,
// or of messages that no longer exist, are skipped. A hard bounce (or a complaint) puts its address
// on the organisation's suppression list, so the next message to it is not sent.
import { sql } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { DeliveryEventKind, OriginKind } from '../db/schema/outbox';
import { type DeliveryEventInput, deliveryEventInput } from './delivery-event.schema';
import { dispatchEvents } from './origin-handlers';

export async function recordDeliveryEvents(
  db: DbOrTx,
  ctx: OrgContext,
  input: DeliveryEventInput[],
): Promise<{ recorded: number }> {
  if (input.length === 0) return { recorded: 0 };
  const events = input.map((e, i) => parseOr400(deliveryEventInput, e, `events.${i}`));
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      message_id: string;
      recipient: string | null;
      kind: DeliveryEventKind;
      at: string;
      detail: string | null;
      source: string;
      origin_kind: OriginKind;
      origin_id: string | null;
    }>(sql`
      with x as (
        select * from json_to_recordset(${JSON.stringify(events)}::json) as x(
          "messageId" uuid, recipient text, kind text, at timestamptz, detail text, source text
        )
      ), inserted as (
        insert into outbox_delivery_events (org_id, message_id, recipient, kind, at, detail, source)
        select m.org_id, m.id, x.recipient, x.kind::delivery_event_kind, x.at, x.detail, x.source
        from x join outbox_messages m on m.id = x."messageId" and m.org_id = ${ctx.orgId}
        returning message_id, recipient, kind, at, detail, source
      )
      select i.*, m.origin_kind, m.origin_id
      from inserted i join outbox_messages m on m.id = i.message_id
    `);
    await suppressAddresses(tx, ctx, rows);
    await dispatchEvents(
      tx,
      rows.map((r) => ({
        messageId: r.message_id,
        recipient: r.recipient,
        kind: r.kind,
        at: new Date(r.at),
        detail: r.detail,
        source: r.source,
        orgId: ctx.orgId,
        origin: { kind: r.origin_kind, id: r.origin_id },
      })),
    );
    return { recorded: rows.length };
  });
}

const SUPPRESSING: Partial<Record<DeliveryEventKind, string>> = {
  'bounced-hard': 'hard-bounce',
  complained: 'complaint',
};

/** The first event that suppresses an address is its entry; a later one leaves it as it is. */
async function suppressAddresses(
  tx: DbOrTx,
  ctx: OrgContext,
  rows: {
    message_id: string;
    recipient: string | null;
    kind: DeliveryEventKind;
    detail: string | null;
    source: string;
  }[],
): Promise<void> {
  const entries = rows.flatMap((r) =>
    r.recipient && SUPPRESSING[r.kind]
      ? [
          {
            address: r.recipient.trim().toLowerCase(),
            reason: SUPPRESSING[r.kind],
            source: r.source,
            detail: r.detail,
            message_id: r.message_id,
          },
        ]
      : [],
  );
  if (entries.length === 0) return;
  await tx.execute(sql`
    insert into suppressed_addresses (org_id, address, reason, source, detail, message_id)
    select distinct on (x.address) ${ctx.orgId}::uuid, x.address, x.reason::suppression_reason, x.source,
      x.detail, x.message_id
    from json_to_recordset(${JSON.stringify(entries)}::json) as x(
      address text, reason text, source text, detail text, message_id uuid
    )
    on conflict (org_id, address) do nothing
  `);
}
