// A signed-in user always has at least one organisation: the first time they arrive without one
// (and not through an invitation), one is made for them with them as owner. Two requests of the
// same page render at once, so the check-and-create runs under a per-user lock.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { memberships } from '../db/schema/orgs';
import { getTranslator } from '../i18n/get-translator';
import { defaultLocale, isLocale, type Locale } from '../i18n/locales';
import { defaultTimeZone } from '../i18n/time-zones';
import { createOrganization } from './create-organization';

export async function ensureUserOrganization(
  db: DbOrTx,
  user: { id: string; email: string; name: string | null; locale?: string | null },
  defaults: { defaultLocale?: Locale; timeZone?: string } = {},
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`user-org:${user.id}`}))`);
    const existing = await tx.$count(memberships, eq(memberships.userId, user.id));
    if (existing > 0) return;
    const locale = isLocale(user.locale) ? user.locale : (defaults.defaultLocale ?? defaultLocale);
    const label = user.name || user.email.split('@')[0] || user.email;
    await createOrganization(
      tx,
      {
        name: getTranslator(locale)('orgs.personalName', { name: label }),
        defaultLocale: locale,
        timeZone: defaults.timeZone ?? defaultTimeZone,
      },
      user.id,
    );
  });
}
