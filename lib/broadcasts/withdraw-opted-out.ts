// The broadcast origin's answer at claim: an email to a contact who opted out of email after the
// expansion queued it is not sent (the contact asked, perhaps by the previous message's
// unsubscribe link). The outbox cancels it with this reason and the recipient row becomes
// "skipped", as if the contact had opted out before the expansion. SMS check STOP in their channel.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { ClaimingMessage } from '../outbox/origin-handlers';
import { uuidArray } from '../outbox/uuid-array';

export async function withdrawOptedOut(
  tx: DbOrTx,
  messages: ClaimingMessage[],
): Promise<Map<string, string>> {
  const email = messages.filter((m) => m.channel === 'email');
  if (email.length === 0) return new Map();
  const emails = email.map((m) => m.id);
  const orgs = [...new Set(email.map((m) => m.orgId))];
  const rows = await tx.execute<{ id: string; address: string; at: string; reason: string | null }>(sql`
    select r.outbox_message_id as id, r.address, c.email_opt_out_at::text as at, c.email_opt_out_reason as reason
    from broadcast_recipients r join contacts c on c.id = r.contact_id and c.org_id = r.org_id
    where r.outbox_message_id = any(${uuidArray(emails)}) and r.org_id = any(${uuidArray(orgs)})
      and c.email_opt_out_at is not null`);
  return new Map(
    rows.map((r) => [
      r.id,
      `Skipped: ${r.address} opted out of email on ${new Date(r.at).toISOString().slice(0, 16).replace('T', ' ')} UTC${r.reason ? ` (${r.reason})` : ''}`,
    ]),
  );
}
