// A reply to an SMS that opts its sender out (STOP) or back in (START): recorded on the contact with
// that number — one is made, with only the number, when the organisation has none — so the outbox
// skips the number from then on (lib/outbox/enqueue-sms.ts, lib/outbox/sms-channel.ts). An earlier
// opt-out keeps its date and reason.
import { and, eq, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';

export async function recordSmsOptOut(
  db: DbOrTx,
  ctx: OrgContext,
  input: { phone: string; optOut: boolean; reason: string },
): Promise<{ contactId: string | null }> {
  if (input.optOut) {
    const [row] = await db
      .insert(contacts)
      .values({
        orgId: ctx.orgId,
        phone: input.phone,
        smsOptOutAt: new Date(),
        smsOptOutReason: input.reason,
      })
      .onConflictDoUpdate({
        target: [contacts.orgId, contacts.phone],
        set: {
          smsOptOutAt: sql`coalesce(${contacts.smsOptOutAt}, now())`,
          smsOptOutReason: sql`case when ${contacts.smsOptOutAt} is null then excluded.sms_opt_out_reason else ${contacts.smsOptOutReason} end`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: contacts.id });
    return { contactId: row!.id };
  }
  const [row] = await db
    .update(contacts)
    .set({ smsOptOutAt: null, smsOptOutReason: null, updatedAt: new Date() })
    .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.phone, input.phone)))
    .returning({ id: contacts.id });
  return { contactId: row?.id ?? null };
}
