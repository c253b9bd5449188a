// Contacts and groups through /api/v1/contacts and /api/v1/groups: CRUD, tenancy, validation,
// phone normalisation in the organisation's country, opt-outs, membership.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as contactRoute from '@/app/api/v1/contacts/[id]/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as membersRoute from '@/app/api/v1/groups/[id]/members/route';
import * as groupRoute from '@/app/api/v1/groups/[id]/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import { contactGroupMembers } from '@/lib/db/schema/contacts';
import { organizations } from '@/lib/db/schema/orgs';
import { updateOrganizationSettings } from '@/lib/orgs/update-organization-settings';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

const create = (apiKey: string, body: unknown) =>
  callRoute(contactsRoute.POST, { method: 'POST', apiKey, body });

describe('contacts API', () => {
  it('creates, reads, lists, updates and deletes a contact', async () => {
    const org = await createTestOrg(t.db);
    await t.db.update(organizations).set({ country: 'FR' }).where(eq(organizations.id, org.id));
    const res = await create(org.apiKey, {
      firstName: 'Léa',
      lastName: 'Martin',
      email: ' Lea.Martin@Example.FR ',
      phone: '06 12 34 56 78',
      language: 'fr',
      customFields: { childName: 'Hugo' },
    });
    expect(res.status).toBe(201);
    const c = res.json.contact;
    expect(c).toMatchObject({
      email: 'lea.martin@example.fr',
      phone: '+33612345678',
      language: 'fr',
      emailOptOut: null,
    });
    expect(c.customFields).toEqual({ childName: 'Hugo' });

    const read = await callRoute(contactRoute.GET, { apiKey: org.apiKey, params: { id: c.id } });
    expect(read.json.contact.id).toBe(c.id);

    await create(org.apiKey, { firstName: 'Paul', lastName: 'Durand', email: 'paul@example.fr' });
    const search = await callRoute(contactsRoute.GET, { apiKey: org.apiKey, path: '/?q=mart' });
    // Accents and case do not matter, nor the order of first and last name.
    const folded = await callRoute(contactsRoute.GET, { apiKey: org.apiKey, path: '/?q=LEA%20mart' });
    expect(folded.json.contacts.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const reversed = await callRoute(contactsRoute.GET, {
      apiKey: org.apiKey,
      path: '/?q=martin%20l%C3%A9a',
    });
    expect(reversed.json.contacts).toHaveLength(1);
    const wildcard = await callRoute(contactsRoute.GET, { apiKey: org.apiKey, path: '/?q=%25' });
    expect(wildcard.json.contacts).toHaveLength(0);
    expect(search.json.contacts.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const byPhone = await callRoute(contactsRoute.GET, { apiKey: org.apiKey, path: '/?q=06%2012%2034' });
    expect(byPhone.json.contacts).toHaveLength(1);
    const page1 = await callRoute(contactsRoute.GET, { apiKey: org.apiKey, path: '/?limit=1' });
    expect(page1.json.contacts[0].lastName).toBe('Durand');
    const page2 = await callRoute(contactsRoute.GET, {
      apiKey: org.apiKey,
      path: `/?limit=1&cursor=${page1.json.nextCursor}`,
    });
    expect(page2.json.contacts[0].lastName).toBe('Martin');
    expect(page2.json.nextCursor).toBeNull();

    const patched = await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: c.id },
      body: { emailOptOut: { reason: 'asked by phone' }, phone: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.contact.phone).toBeNull();
    expect(patched.json.contact.emailOptOut.reason).toBe('asked by phone');
    expect(new Date(patched.json.contact.emailOptOut.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const withdrawn = await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: c.id },
      body: { emailOptOut: null, smsOptOut: { reason: 'STOP', at: '2026-01-02T03:04:05Z' } },
    });
    expect(withdrawn.json.contact.emailOptOut).toBeNull();
    expect(withdrawn.json.contact.smsOptOut).toEqual({ at: '2026-01-02T03:04:05.000Z', reason: 'STOP' });

    const del = await callRoute(contactRoute.DELETE, {
      method: 'DELETE',
      apiKey: org.apiKey,
      params: { id: c.id },
    });
    expect(del.status).toBe(204);
    expect((await callRoute(contactRoute.GET, { apiKey: org.apiKey, params: { id: c.id } })).status).toBe(
      404,
    );
  });

  it('reads phones in the organisation country (FR from a French organisation) and refuses bad ones', async () => {
    const fr = await createTestOrg(t.db);
    await t.db.update(organizations).set({ defaultLocale: 'fr' }).where(eq(organizations.id, fr.id));
    expect((await create(fr.apiKey, { phone: '0612345679' })).json.contact.phone).toBe('+33612345679');
    expect((await create(fr.apiKey, { phone: '+44 7911 123456' })).json.contact.phone).toBe('+447911123456');

    const gb = await createTestOrg(t.db);
    // The organisation's country setting, as the settings page saves it (lowercase accepted).
    await updateOrganizationSettings(t.db, gb.ctx, {
      defaultLocale: 'en',
      timeZone: 'Europe/London',
      country: 'gb',
    });
    await expect(
      updateOrganizationSettings(t.db, gb.ctx, { defaultLocale: 'en', timeZone: 'UTC', country: 'XX' }),
    ).rejects.toMatchObject({ status: 400, details: [{ path: 'country' }] });
    expect((await create(gb.apiKey, { phone: '07911 123456' })).json.contact.phone).toBe('+447911123456');

    // An English organisation without a country: a number without + has no region.
    const none = await createTestOrg(t.db);
    const noRegion = await create(none.apiKey, { phone: '0612345678' });
    expect(noRegion.status).toBe(400);
    expect(noRegion.json.error.details[0].path).toBe('phone');
    expect((await create(none.apiKey, { phone: '+33612345678' })).status).toBe(201);

    const landline = await create(fr.apiKey, { phone: '01 42 68 53 00' });
    expect(landline.status).toBe(400);
    expect(landline.json.error.details).toEqual([
      { path: 'phone', message: expect.stringContaining('not a mobile') },
    ]);
    const nonsense = await create(fr.apiKey, { phone: '12' });
    expect(nonsense.status).toBe(400);
    expect(nonsense.json.error.details[0].path).toBe('phone');
  });

  it('answers 400 with field paths, 409 on a duplicate email or phone', async () => {
    const org = await createTestOrg(t.db);
    const bad = await create(org.apiKey, {
      email: 'nope',
      language: 'de',
      customFields: { '1x': 'a' },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'language', 'extra']));
    const empty = await create(org.apiKey, { firstName: 'Nobody' });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details[0].path).toBe('email');

    expect((await create(org.apiKey, { email: 'a@example.fr', phone: '+33612345678' })).status).toBe(201);
    const dupEmail = await create(org.apiKey, { email: 'A@example.fr' });
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.json.error.message).toContain('email');
    const dupPhone = await create(org.apiKey, { phone: '+33 6 12 34 56 78' });
    expect(dupPhone.status).toBe(409);
    expect(dupPhone.json.error.message).toContain('phone');
    // Another organisation may hold the same person.
    const other = await createTestOrg(t.db);
    expect((await create(other.apiKey, { email: 'a@example.fr', phone: '+33612345678' })).status).toBe(201);
  });

  it('keeps groups and contacts of one organisation away from another (404)', async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const contact = (await create(a.apiKey, { email: 'x@example.fr' })).json.contact;
    const group = (
      await callRoute(groupsRoute.POST, { method: 'POST', apiKey: a.apiKey, body: { name: 'CM1 A' } })
    ).json.group;
    expect((await callRoute(contactRoute.GET, { apiKey: b.apiKey, params: { id: contact.id } })).status).toBe(
      404,
    );
    expect(
      (
        await callRoute(contactRoute.PATCH, {
          method: 'PATCH',
          apiKey: b.apiKey,
          params: { id: contact.id },
          body: { firstName: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callRoute(contactRoute.DELETE, {
          method: 'DELETE',
          apiKey: b.apiKey,
          params: { id: contact.id },
        })
      ).status,
    ).toBe(404);
    expect((await callRoute(groupRoute.GET, { apiKey: b.apiKey, params: { id: group.id } })).status).toBe(
      404,
    );
    // B's own group cannot take A's contact, nor A's group B's request.
    const bGroup = (
      await callRoute(groupsRoute.POST, { method: 'POST', apiKey: b.apiKey, body: { name: 'G' } })
    ).json.group;
    const cross = await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: b.apiKey,
      params: { id: bGroup.id },
      body: { contactIds: [contact.id] },
    });
    expect(cross.status).toBe(404);
    expect(
      (
        await callRoute(membersRoute.POST, {
          method: 'POST',
          apiKey: b.apiKey,
          params: { id: group.id },
          body: { contactIds: [contact.id] },
        })
      ).status,
    ).toBe(404);
    expect(
      await t.db.select().from(contactGroupMembers).where(eq(contactGroupMembers.contactId, contact.id)),
    ).toEqual([]);
    // Nor can a contact be created or moved into another organisation's group.
    const intoA = await create(b.apiKey, { email: 'y@example.fr', groupIds: [group.id] });
    expect(intoA.status).toBe(404);
    const patchInto = await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id: contact.id },
      body: { groupIds: [bGroup.id] },
    });
    expect(patchInto.status).toBe(404);
    expect((await callRoute(contactsRoute.GET, { apiKey: b.apiKey })).json.contacts).toEqual([]);
  });

  it('manages groups and their members', async () => {
    const org = await createTestOrg(t.db);
    const g = await callRoute(groupsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'CM1 A', description: 'Mme Roux' },
    });
    expect(g.status).toBe(201);
    const id = g.json.group.id;
    expect(
      (await callRoute(groupsRoute.POST, { method: 'POST', apiKey: org.apiKey, body: { name: 'CM1 A' } }))
        .status,
    ).toBe(409);
    const badName = await callRoute(groupsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'a;b' },
    });
    expect(badName.status).toBe(400);
    expect(badName.json.error.details[0].path).toBe('name');

    const c1 = (await create(org.apiKey, { email: 'c1@example.fr', groupIds: [id] })).json.contact;
    expect(c1.groups).toEqual([{ id, name: 'CM1 A' }]);
    const c2 = (await create(org.apiKey, { email: 'c2@example.fr' })).json.contact;
    const added = await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id },
      body: { contactIds: [c1.id, c2.id] },
    });
    expect(added.json).toMatchObject({ added: 1, group: { memberCount: 2 } });
    const members = await callRoute(membersRoute.GET, { apiKey: org.apiKey, params: { id } });
    expect(members.json.contacts.map((c: { email: string }) => c.email).sort()).toEqual([
      'c1@example.fr',
      'c2@example.fr',
    ]);
    const removed = await callRoute(membersRoute.DELETE, {
      method: 'DELETE',
      apiKey: org.apiKey,
      params: { id },
      body: { contactIds: [c1.id] },
    });
    expect(removed.json).toMatchObject({ removed: 1, group: { memberCount: 1 } });
    // PATCH with groupIds makes the contact's groups exactly these.
    const other = (
      await callRoute(groupsRoute.POST, { method: 'POST', apiKey: org.apiKey, body: { name: 'Parents CM2' } })
    ).json.group;
    const moved = await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: c2.id },
      body: { groupIds: [other.id] },
    });
    expect(moved.json.contact.groups).toEqual([{ id: other.id, name: 'Parents CM2' }]);
    expect(
      (await callRoute(groupRoute.GET, { apiKey: org.apiKey, params: { id } })).json.group.memberCount,
    ).toBe(0);
    const renamed = await callRoute(groupRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id },
      body: { name: 'CM1 B' },
    });
    expect(renamed.json.group.name).toBe('CM1 B');
    const list = await callRoute(groupsRoute.GET, { apiKey: org.apiKey, path: '/?q=cm1' });
    expect(list.json.groups).toHaveLength(1);
    await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id },
      body: { contactIds: [c1.id] },
    });
    expect(
      (await callRoute(groupRoute.DELETE, { method: 'DELETE', apiKey: org.apiKey, params: { id } })).status,
    ).toBe(204);
    // The contacts stay, without that group.
    expect(
      (await callRoute(contactRoute.GET, { apiKey: org.apiKey, params: { id: c1.id } })).json.contact.groups,
    ).toEqual([]);
    expect((await callRoute(groupsRoute.PUT, { method: 'PUT', apiKey: org.apiKey })).status).toBe(405);
  });

  it('documents its operations in the OpenAPI document', async () => {
    const doc = (await callRoute(openapi.GET)).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/contacts',
        '/api/v1/contacts/{id}',
        '/api/v1/contacts/import',
        '/api/v1/groups/{id}/members',
      ]),
    );
  });
});
