// The contacts a message reaches, as they are now: those named, and the members of its groups at
// this moment (someone added yesterday is in, someone removed is out), each once, in name order.
import { sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { ReachedContact } from './plan-recipients';

export async function reachContacts(
  db: DbOrTx,
  ctx: OrgContext,
  target: { contactIds: string[]; groupIds: string[] },
): Promise<ReachedContact[]> {
  if (target.contactIds.length === 0 && target.groupIds.length === 0) return [];
  const rows = await db.execute<{
    id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    language: string | null;
    email_opt_out_at: string | null;
    email_opt_out_reason: string | null;
    sms_opt_out_at: string | null;
    sms_opt_out_reason: string | null;
    custom_fields: Record<string, string>;
  }>(sql`
    select c.id, c.first_name, c.last_name, c.email, c.phone, c.language, c.email_opt_out_at,
           c.email_opt_out_reason, c.sms_opt_out_at, c.sms_opt_out_reason, c.custom_fields
    from contacts c
    where c.org_id = ${ctx.orgId}
      and (c.id = any(${sql.param(target.contactIds)}::uuid[])
           or exists (select 1 from contact_group_members m
                      where m.contact_id = c.id and m.org_id = ${ctx.orgId}
                        and m.group_id = any(${sql.param(target.groupIds)}::uuid[])))
    order by c.last_name, c.first_name, c.id`);
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    language: r.language,
    emailOptOutAt: r.email_opt_out_at ? new Date(r.email_opt_out_at) : null,
    emailOptOutReason: r.email_opt_out_reason,
    smsOptOutAt: r.sms_opt_out_at ? new Date(r.sms_opt_out_at) : null,
    smsOptOutReason: r.sms_opt_out_reason,
    customFields: r.custom_fields ?? {},
  }));
}
