// The suppression list checked again when a message is claimed for sending, not only when it was
// enqueued: an address suppressed meanwhile (a hard bounce read an hour after a bulk run was queued,
// a person adding it by hand) is not sent to. The recipients it names are taken off the message and
// named on it with the entry's reason, the same as at enqueue (apply-suppressions.ts); a message
// left with no recipient becomes `failed`, saying why, and its origin hears it. Runs inside the
// claim's transaction, before rate slots are reserved: a withdrawn message uses none.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { Address, MessageStatus, SuppressedRecipient } from '../db/schema/outbox';
import { log } from '../log';
import { announceSettled, settledColumns, settledFromSql } from './announce-settled';
import { applySuppressions } from './apply-suppressions';
import { uuidArray } from './uuid-array';

type Envelope = {
  id: string;
  org_id: string;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  suppressed: SuppressedRecipient[];
  status: MessageStatus;
  last_error: string | null;
};

/** Returns the ids of the messages that lost every recipient (no longer to be sent). */
export async function withdrawSuppressed(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // One indexed lookup for the whole batch; the rows are only read in full when one is named.
  const named = await tx.execute<Envelope>(sql`
    select m.id, m.org_id, m."to", m.cc, m.bcc, m.suppressed, m.status, m.last_error
    from outbox_messages m
    where m.id = any(${uuidArray(ids)}) and m.channel = 'email' and m.status in ('scheduled', 'queued')
      and exists (
        select 1 from jsonb_array_elements(m."to" || m.cc || m.bcc) r
        join suppressed_addresses s on s.org_id = m.org_id and s.address = lower(trim(r ->> 'address'))
      )
    order by m.id
    for update of m`);
  if (named.length === 0) return new Set();

  const byOrg = new Map<string, Envelope[]>();
  for (const row of named) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row]);
  for (const [orgId, rows] of byOrg) {
    const envelopes = rows.map((r) => Object.assign(r, { lastError: r.last_error }));
    await applySuppressions(tx, { orgId, role: 'member', actor: { kind: 'system' } }, envelopes);
    for (const r of envelopes) r.last_error = r.lastError;
  }

  const changes = named.map((r) => ({
    id: r.id,
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    suppressed: r.suppressed,
    status: r.status,
    last_error: r.last_error,
  }));
  const updated = await tx.execute(sql`
    update outbox_messages m set
      "to" = v."to", cc = v.cc, bcc = v.bcc, suppressed = v.suppressed,
      status = v.status::message_status, last_error = v.last_error,
      next_attempt_at = case when v.status = 'failed' then null else m.next_attempt_at end,
      finished_at = case when v.status = 'failed' then now() else m.finished_at end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
      as v(id uuid, "to" jsonb, cc jsonb, bcc jsonb, suppressed jsonb, status text, last_error text)
    where m.id = v.id
    returning ${settledColumns('m')}`);
  const rows = updated.map(settledFromSql);
  await announceSettled(tx, rows);
  const withdrawn = rows.filter((r) => r.status === 'failed');
  for (const r of named)
    log.info(
      {
        orgId: r.org_id,
        messageRowId: r.id,
        suppressed: r.suppressed.length,
        withdrawn: r.status === 'failed',
      },
      r.status === 'failed'
        ? 'message not sent: every recipient was suppressed after it was queued'
        : 'suppressed recipients taken off a queued message before sending',
    );
  return new Set(withdrawn.map((r) => r.id));
}
