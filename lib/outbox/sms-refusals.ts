// The numbers an SMS must not go to, with the reason stored on the message: those that replied
// STOP (the contact's SMS opt-out) and those on the organisation's suppression list (which takes
// E.164 numbers beside email addresses). Asked at enqueue (lib/outbox/enqueue-sms.ts) and again when
// the SMS is sent (lib/outbox/sms-channel.ts): a number refused meanwhile is not sent to either.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { suppressedAddresses } from '../db/schema/suppressions';
import { optOutReason } from './opt-out-reason';

export async function findSmsRefusals(
  db: DbOrTx,
  orgId: string,
  phones: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(phones)];
  if (unique.length === 0) return new Map();
  const [optedOut, suppressed] = await Promise.all([
    db
      .select({ phone: contacts.phone, at: contacts.smsOptOutAt, reason: contacts.smsOptOutReason })
      .from(contacts)
      .where(
        and(eq(contacts.orgId, orgId), inArray(contacts.phone, unique), isNotNull(contacts.smsOptOutAt)),
      ),
    db
      .select({ phone: suppressedAddresses.address, reason: suppressedAddresses.reason })
      .from(suppressedAddresses)
      .where(and(eq(suppressedAddresses.orgId, orgId), inArray(suppressedAddresses.address, unique))),
  ]);
  const refused = new Map(
    suppressed.map((s) => [s.phone, `Skipped: ${s.phone} is on the suppression list (${s.reason})`]),
  );
  // The opt-out is the person's own answer: its words win over a list entry.
  for (const o of optedOut) refused.set(o.phone!, optOutReason(o.phone!, o.at!, o.reason));
  return refused;
}
