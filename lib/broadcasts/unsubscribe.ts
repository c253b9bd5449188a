// The one-click unsubscribe link of group emails (RFC 8058): its token names a recipient, whose
// contact is opted out of email for that organisation (once: a second click changes nothing), and
// the opt-out is recorded as a delivery event of the email. `lookUnsubscribe` reads without
// changing anything, for the confirmation page a person sees before clicking.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { broadcastRecipients } from '../db/schema/broadcasts';
import { contacts } from '../db/schema/contacts';
import { organizations } from '../db/schema/orgs';
import { isLocale, type Locale } from '../i18n/locales';
import { log } from '../log';
import { recordDeliveryEvents } from '../outbox/record-delivery-events';
import { verifyToken } from './tracking-token';

export type UnsubscribeTarget = { locale: Locale; orgName: string; optedOut: boolean };

async function find(db: Db, token: string) {
  const id = verifyToken('unsubscribe', token);
  if (!id) return null;
  const [row] = await db
    .select({
      orgId: broadcastRecipients.orgId,
      contactId: broadcastRecipients.contactId,
      outboxMessageId: broadcastRecipients.outboxMessageId,
      language: contacts.language,
      optedOutAt: contacts.emailOptOutAt,
      orgName: organizations.name,
      orgLocale: organizations.defaultLocale,
    })
    .from(broadcastRecipients)
    .innerJoin(contacts, eq(contacts.id, broadcastRecipients.contactId))
    .innerJoin(organizations, eq(organizations.id, broadcastRecipients.orgId))
    .where(eq(broadcastRecipients.token, id));
  return row ?? null;
}

function localeOf(row: { language: string | null; orgLocale: string }): Locale {
  return isLocale(row.language) ? row.language : isLocale(row.orgLocale) ? row.orgLocale : 'en';
}

export async function lookUnsubscribe(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const row = await find(db, token);
  return row ? { locale: localeOf(row), orgName: row.orgName, optedOut: row.optedOutAt !== null } : null;
}

export async function unsubscribe(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const row = await find(db, token);
  if (!row) return null;
  const changed = await db.execute(sql`
    update contacts set email_opt_out_at = now(),
      email_opt_out_reason = 'unsubscribed with the link of a message', updated_at = now()
    where id = ${row.contactId} and org_id = ${row.orgId} and email_opt_out_at is null
    returning id`);
  if (changed.length && row.outboxMessageId) {
    const ctx = { orgId: row.orgId, role: 'admin' as const, actor: { kind: 'system' as const } };
    await recordDeliveryEvents(db, ctx, [
      {
        messageId: row.outboxMessageId,
        kind: 'unsubscribed',
        detail: 'one-click link',
        source: 'unsubscribe-link',
      },
    ]);
    log.info({ orgId: row.orgId, contactId: row.contactId }, 'contact unsubscribed from email');
  }
  return { locale: localeOf(row), orgName: row.orgName, optedOut: true };
}
