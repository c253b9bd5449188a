import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema/auth';
import { createOrganization } from '@/lib/orgs/create-organization';
import { defineCommand, requireOption } from '../command';

export const orgCreateCommand = defineCommand({
  name: 'org:create',
  summary: 'Create an organisation (optionally with an owner, created if new)',
  usage: 'org:create --name "Acme" [--slug acme] [--owner alice@example.com]',
  options: { name: { type: 'string' }, slug: { type: 'string' }, owner: { type: 'string' } },
  run: async (values) => {
    const db = getDb();
    let ownerId: string | undefined;
    if (typeof values.owner === 'string') {
      const email = values.owner.trim().toLowerCase();
      await db.insert(users).values({ email }).onConflictDoNothing();
      ownerId = (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
    }
    const org = await createOrganization(
      db,
      {
        name: requireOption(values, 'name'),
        slug: typeof values.slug === 'string' ? values.slug : undefined,
      },
      ownerId,
    );
    console.log(`Created organisation ${org.name}\n  id:   ${org.id}\n  slug: ${org.slug}`);
    return 0;
  },
});
