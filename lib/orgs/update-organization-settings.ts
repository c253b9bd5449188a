// An organisation's default language (for members whose own choice and browser say nothing, and
// for invitations) and its time zone (every date shown and every time typed). Owners and admins.
import { eq } from 'drizzle-orm';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { organizations } from '../db/schema/orgs';
import { locales } from '../i18n/locales';
import { isTimeZone } from '../i18n/time-zones';

export const organizationSettingsInput = z.object({
  /** The organisation's name as members see it (a new one is named after its first member). */
  name: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters').optional(),
  defaultLocale: z.enum(locales),
  timeZone: z.string().trim().refine(isTimeZone, 'is not a time zone like Europe/Paris'),
  /** Phone numbers typed without + are read in this country; empty: from the language (FR for fr). */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => v || null)
    .refine((v) => v === null || isSupportedCountry(v), 'is not a country code like FR')
    .nullable()
    .optional(),
});
export type OrganizationSettingsInput = z.input<typeof organizationSettingsInput>;

export async function updateOrganizationSettings(
  db: DbOrTx,
  ctx: OrgContext,
  input: OrganizationSettingsInput,
) {
  requireRole(ctx, 'admin');
  const values = parseOr400(organizationSettingsInput, input);
  const [org] = await db.update(organizations).set(values).where(eq(organizations.id, ctx.orgId)).returning({
    name: organizations.name,
    defaultLocale: organizations.defaultLocale,
    timeZone: organizations.timeZone,
    country: organizations.country,
  });
  return org!;
}
