// Delivery reports that came before their SMS was known by the provider's id (see
// lib/db/schema/sms.ts smsEarlyReports): kept when they arrive, and recorded as the SMS's delivery
// events once the settle that stores the id has committed — by the worker's every-minute job and
// by `queue:process`. A report whose SMS never shows up (sent by another application through the
// same webhook URL, or deleted by retention since) is kept for a week, then deleted with a log line.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import type { Address, DeliveryEventKind } from '../db/schema/outbox';
import { smsEarlyReports } from '../db/schema/sms';
import { log } from '../log';
import { uuidArray } from '../outbox/uuid-array';
import { recordReportOf, type SmsReport } from './record-sms-report';

const KEEP_UNMATCHED_DAYS = 7;
const BATCH = 1000;

export async function keepEarlyReport(
  db: DbOrTx,
  account: { id: string; orgId: string },
  report: SmsReport & { source: string },
): Promise<void> {
  await db
    .insert(smsEarlyReports)
    .values({
      orgId: account.orgId,
      senderId: account.id,
      providerMessageId: report.providerMessageId,
      kind: report.kind,
      recipient: report.recipient,
      detail: report.detail,
      at: report.at ?? new Date(),
      source: report.source,
    })
    .onConflictDoNothing();
  log.info(
    { orgId: account.orgId, senderId: account.id, kind: report.kind },
    'sms delivery report kept until its SMS is known by the provider id',
  );
}

/** Records the kept reports whose SMS is now known; deletes those unmatched for a week. */
export async function applyEarlyReports(db: Db): Promise<{ recorded: number; dropped: number }> {
  let recorded = 0;
  for (;;) {
    const matched = await db.transaction(async (tx) => {
      const rows = await tx.execute<{
        id: string;
        org_id: string;
        sender_id: string;
        provider_message_id: string;
        kind: DeliveryEventKind;
        recipient: string | null;
        detail: string | null;
        at: string;
        source: string;
        message_id: string;
        to: Address[];
      }>(sql`
        select r.*, m.id as message_id, m."to"
        from sms_early_reports r
        join outbox_messages m on m.sender_id = r.sender_id and m.org_id = r.org_id
          and m.channel = 'sms' and m.provider_message_id = r.provider_message_id
        order by r.received_at limit ${BATCH}
        for update of r skip locked
      `);
      for (const r of rows) {
        const ctx = {
          orgId: r.org_id,
          role: 'admin' as const,
          actor: {
            kind: 'webhook' as const,
            provider: r.source.replace(/^webhook:/, ''),
            senderId: r.sender_id,
          },
        };
        const done = await recordReportOf(
          tx,
          ctx,
          { id: r.message_id, to: r.to },
          {
            providerMessageId: r.provider_message_id,
            kind: r.kind,
            recipient: r.recipient,
            detail: r.detail,
            at: new Date(r.at),
            source: r.source,
          },
        );
        recorded += done.recorded;
      }
      if (rows.length)
        await tx.execute(
          sql`delete from sms_early_reports where id = any(${uuidArray(rows.map((r) => r.id))})`,
        );
      return rows.length;
    });
    if (matched < BATCH) break;
  }
  const dropped = await db.execute(sql`
    delete from sms_early_reports where received_at < now() - make_interval(days => ${KEEP_UNMATCHED_DAYS})
  `);
  if (dropped.count)
    log.warn(
      { reports: dropped.count },
      `sms delivery reports deleted: no SMS of theirs appeared in ${KEEP_UNMATCHED_DAYS} days`,
    );
  return { recorded, dropped: dropped.count };
}
