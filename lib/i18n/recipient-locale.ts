// The language of an e-mail Mailroom writes to someone: theirs if they are a user who chose one,
// else what the request that caused it asked for (a sign-in from a French browser), else the
// organisation's default language.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import type { Locale } from './locales';
import { resolveLocale } from './resolve-locale';

export async function recipientLocale(
  db: DbOrTx,
  email: string,
  fallback: { acceptLanguage?: string | null; orgLocale?: string | null } = {},
): Promise<Locale> {
  const [user] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return resolveLocale({ userLocale: user?.locale, ...fallback });
}
