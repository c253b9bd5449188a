// Mail Mailroom writes itself goes out in the recipient's language, and the settings that decide
// it are stored as given: invitations in the invitee's own language, else the organisation's;
// the organisation's language and time zone refuse what is not one.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { users } from '@/lib/db/schema/auth';
import { organizations } from '@/lib/db/schema/orgs';
import { senderAccounts } from '@/lib/db/schema/outbox';
import { previewMessages } from '@/lib/db/schema/preview';
import { createOrganization } from '@/lib/orgs/create-organization';
import { inviteMember } from '@/lib/orgs/invite-member';
import { updateOrganizationSettings } from '@/lib/orgs/update-organization-settings';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

async function mailTo(email: string) {
  const mail = await t.db.select().from(previewMessages);
  const found = mail.filter((m) => m.to.includes(email));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('languages', () => {
  it("writes an invitation in the organisation's language, or in the invitee's own", async () => {
    const org = await createTestOrg(t.db, 'École Jules Ferry');
    await updateOrganizationSettings(t.db, org.ctx, { defaultLocale: 'fr', timeZone: 'Europe/Paris' });

    await inviteMember(t.db, org.ctx, { email: 'parent@ecole.example', role: 'member' });
    const french = await mailTo('parent@ecole.example');
    expect(french.subject).toBe('Vous êtes invité(e) à rejoindre École Jules Ferry sur Mailroom');
    expect(french.raw.toString()).toContain('en tant que membre');

    // Someone who already uses Mailroom in English gets English, whatever the organisation speaks.
    await t.db.insert(users).values({ email: 'teacher@ecole.example', locale: 'en' });
    await inviteMember(t.db, org.ctx, { email: 'teacher@ecole.example', role: 'admin' });
    const english = await mailTo('teacher@ecole.example');
    expect(english.subject).toBe('You are invited to École Jules Ferry on Mailroom');
    expect(english.raw.toString()).toContain('as admin');
  });

  it('refuses a conflict in words a French page can show, keeping the English for the API', async () => {
    const org = await createTestOrg(t.db);
    await inviteMember(t.db, org.ctx, { email: 'twice@example.test' });
    const error = await inviteMember(t.db, org.ctx, { email: 'twice@example.test' }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('twice@example.test already has a pending invitation.');
    expect(error.i18n).toEqual({ key: 'alreadyInvited', values: { email: 'twice@example.test' } });
  });

  it("stores the organisation's language and time zone, and refuses what is not one", async () => {
    const org = await createTestOrg(t.db);
    const bad = await updateOrganizationSettings(t.db, org.ctx, {
      defaultLocale: 'fr',
      timeZone: 'Mars/Olympus',
    }).catch((e) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.details).toEqual([{ path: 'timeZone', message: 'is not a time zone like Europe/Paris' }]);
    const member = { ...org.ctx, role: 'member' as const };
    await expect(
      updateOrganizationSettings(t.db, member, { defaultLocale: 'fr', timeZone: 'Europe/Paris' }),
    ).rejects.toMatchObject({ status: 403 });
    await updateOrganizationSettings(t.db, org.ctx, { defaultLocale: 'fr', timeZone: 'America/Montreal' });
    const [row] = await t.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row).toMatchObject({ defaultLocale: 'fr', timeZone: 'America/Montreal' });
  });

  it("names a French organisation's preview account in French", async () => {
    const org = await createOrganization(t.db, {
      name: 'Cabinet Martin',
      defaultLocale: 'fr',
      timeZone: 'Europe/Paris',
    });
    const [sender] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.orgId, org.id));
    expect(sender?.name).toBe('Boîte d’aperçu');
  });
});
