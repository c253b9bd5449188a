// A new organisation with its first owner. Slugs are derived from the name and made unique.
import { eq, like } from 'drizzle-orm';
import { z } from 'zod';
import { parseOr400 } from '../api/errors';
import type { DbOrTx } from '../db/client';
import { memberships, type Organization, organizations } from '../db/schema/orgs';
import { locales } from '../i18n/locales';
import { isTimeZone } from '../i18n/time-zones';
import { createPreviewSender } from '../outbox/create-preview-sender';

export const createOrganizationInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters'),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/, 'is lowercase letters, digits and dashes')
    .optional(),
  defaultLocale: z.enum(locales).optional(),
  timeZone: z.string().refine(isTimeZone, 'is not a time zone like Europe/Paris').optional(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export async function createOrganization(
  db: DbOrTx,
  input: CreateOrganizationInput,
  ownerUserId?: string,
): Promise<Organization> {
  const { name, slug, defaultLocale, timeZone } = parseOr400(createOrganizationInput, input);
  return db.transaction(async (tx) => {
    const finalSlug = slug ?? (await uniqueSlug(tx, slugify(name)));
    const [org] = await tx
      .insert(organizations)
      .values({ name, slug: finalSlug, defaultLocale, timeZone })
      .returning();
    if (!org) throw new Error('organisation insert returned nothing');
    await createPreviewSender(tx, org);
    if (ownerUserId)
      await tx.insert(memberships).values({ orgId: org.id, userId: ownerUserId, role: 'owner' });
    return org;
  });
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'org';
}

async function uniqueSlug(db: DbOrTx, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(like(organizations.slug, `${base}%`))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function findOrganization(db: DbOrTx, idOrSlug: string): Promise<Organization | undefined> {
  const column = /^[0-9a-f-]{36}$/i.test(idOrSlug) ? organizations.id : organizations.slug;
  const [org] = await db.select().from(organizations).where(eq(column, idOrSlug));
  return org;
}
