// Mobile numbers are stored in E.164 so one person is one row however the number was typed
// ("06 12 34 56 78", "+33 6 12…"). A number without + is read in the organisation's country.

import { eq } from 'drizzle-orm';
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { organizations } from '../db/schema/orgs';

/** The country used when a number has no +: the org's setting, else its language's (FR for fr). */
export async function orgPhoneRegion(db: DbOrTx, ctx: OrgContext): Promise<CountryCode | undefined> {
  const [org] = await db
    .select({ country: organizations.country, defaultLocale: organizations.defaultLocale })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  return regionOf(org?.country ?? null, org?.defaultLocale ?? 'en');
}

const LOCALE_COUNTRY: Record<string, CountryCode> = { fr: 'FR' };

export function regionOf(country: string | null, locale: string): CountryCode | undefined {
  if (country && isSupportedCountry(country)) return country;
  return LOCALE_COUNTRY[locale];
}

export function normalisePhone(
  raw: string,
  region: CountryCode | undefined,
): { phone: string } | { error: string } {
  const number = parsePhoneNumberFromString(raw, region ? { defaultCountry: region } : undefined);
  if (!number) {
    return {
      error: region
        ? `"${raw}" is not a phone number`
        : `"${raw}" is not a phone number (write it with its country code, like +44…, or set the organisation's country)`,
    };
  }
  if (!number.isValid())
    return { error: `"${raw}" is not a valid ${number.country ?? ''} phone number`.replace('  ', ' ') };
  const type = number.getType();
  // Messages go to mobiles: a landline cannot receive an SMS. Some plans do not say (undefined).
  if (type && !['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER'].includes(type)) {
    return { error: `"${raw}" is not a mobile number` };
  }
  return { phone: number.number };
}
