// A user's own interface language ('en' | 'fr'), or null to follow their browser again.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import { isLocale, type Locale } from '../i18n/locales';

export async function setUserLocale(db: DbOrTx, userId: string, locale: Locale | null): Promise<void> {
  await db
    .update(users)
    .set({ locale: isLocale(locale) ? locale : null })
    .where(eq(users.id, userId));
}
