// The suppression list, applied when emails are enqueued (every caller; SMS ask it through
// sms-refusals.ts, beside STOP opt-outs): a suppressed recipient is taken off the message and named on it with the entry's reason. A message
// left with no recipient is not sent: it is stored as failed, saying why, and its origin hears it
// like any other outcome. Removing the entry lets the next message through.
import { sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { Address, MessageStatus, SuppressedRecipient } from '../db/schema/outbox';

type Envelope = {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  status: MessageStatus;
  suppressed: SuppressedRecipient[];
  lastError: string | null;
};

/** Changes the rows in place; returns how many messages lost every recipient. */
export async function applySuppressions<R extends Envelope>(
  db: DbOrTx,
  ctx: OrgContext,
  rows: R[],
): Promise<number> {
  const addresses = [
    ...new Set(rows.flatMap((r) => [...r.to, ...r.cc, ...r.bcc].map((a) => a.address.trim().toLowerCase()))),
  ];
  if (addresses.length === 0) return 0;
  const found = await db.execute<{
    address: string;
    reason: string;
    detail: string | null;
    created_at: string;
  }>(sql`
    select address, reason, detail, created_at from suppressed_addresses
    where org_id = ${ctx.orgId} and address = any(${sql.param(addresses)}::text[])`);
  if (found.length === 0) return 0;
  const entries = new Map(found.map((f) => [f.address, f]));
  let emptied = 0;
  for (const row of rows) {
    const keep = (list: Address[]) =>
      list.filter((a) => {
        const entry = entries.get(a.address.trim().toLowerCase());
        if (!entry) return true;
        if (!row.suppressed.some((s) => s.address === a.address))
          row.suppressed.push({
            address: a.address,
            reason: entry.reason,
            detail: entry.detail,
            since: new Date(entry.created_at).toISOString(),
          });
        return false;
      });
    row.to = keep(row.to);
    row.cc = keep(row.cc);
    row.bcc = keep(row.bcc);
    if (row.suppressed.length > 0 && row.to.length + row.cc.length + row.bcc.length === 0) {
      row.status = 'failed';
      row.lastError = `Not sent: every recipient is on the suppression list (${row.suppressed
        .map((s) => `${s.address}: ${s.reason}`)
        .join(', ')
        .slice(0, 900)})`;
      emptied++;
    }
  }
  return emptied;
}
