// Contact import and export through /api/v1/contacts/import and /api/v1/contacts/export.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/v1/contacts/export/route';
import * as importRoute from '@/app/api/v1/contacts/import/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import { contacts } from '@/lib/db/schema/contacts';
import { organizations } from '@/lib/db/schema/orgs';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

function importCsv(apiKey: string, csv: string) {
  return callRoute(importRoute.POST, {
    method: 'POST',
    apiKey,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
}

async function frenchOrg() {
  const org = await createTestOrg(t.db);
  await t.db.update(organizations).set({ defaultLocale: 'fr' }).where(eq(organizations.id, org.id));
  return org;
}

async function allContacts(apiKey: string) {
  return (await callRoute(contactsRoute.GET, { apiKey, path: '/?limit=500' })).json.contacts;
}

describe('contact import', () => {
  it('stores the good rows with their groups and reports each bad one by its line', async () => {
    const org = await frenchOrg();
    const csv = [
      'Prénom;Nom;Courriel;Portable;Groupes;Langue;Nom de l’enfant',
      // A group cell holding ";" is quoted in a ;-separated file.
      'Léa;Martin;lea@example.fr;06 12 34 56 78;"CM1 A; Parents CM2";fr;Hugo',
    ];
    csv.push(
      'Paul;Durand;not-an-email;;CM1 A;;', // line 3: bad email
      'Zoé;Petit;;01 42 68 53 00;;;', // line 4: landline
      'Nina;Roux;;;;;', // line 5: nothing to reach
      '"Jean\nPierre";Moreau;jp@example.fr;;CM1 A;de;', // line 6 (a cell over two lines): bad language
      'Emma;Blanc;EMMA@example.fr;+33 6 98 76 54 32;Parents CM2;;Louise', // line 8: good
      'Emma;Blanc;emma@example.fr;;;;', // line 9: same email as line 8
      'Nul;Char;nul@example.fr;;"CM1\u0000B";;', // line 10: NUL in a group name
    );
    const res = await importCsv(org.apiKey, `${csv.join('\r\n')}\r\n`);
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(2);
    expect(res.json.updated).toBe(0);
    expect(res.json.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 9, 10]);
    const [r3, r4, r5, r6, r9] = res.json.errors.map((e: { message: string }) => e.message);
    expect(r3).toContain('email');
    expect(r4).toContain('not a mobile');
    expect(r5).toBe('no email and no phone number');
    expect(r6).toContain('language');
    expect(r9).toContain('row 8');
    expect(res.json.errors[5].message).toContain('NUL');

    const stored = await allContacts(org.apiKey);
    expect(stored.map((c: { email: string }) => c.email).sort()).toEqual([
      'emma@example.fr',
      'lea@example.fr',
    ]);
    const lea = stored.find((c: { email: string }) => c.email === 'lea@example.fr');
    expect(lea).toMatchObject({
      phone: '+33612345678',
      language: 'fr',
      customFields: { Nom_de_l_enfant: 'Hugo' },
    });
    expect(lea.groups.map((g: { name: string }) => g.name)).toEqual(['CM1 A', 'Parents CM2']);
    // Nothing of the bad rows: no contact, and "CM1 A" was created once for Léa, not for Paul.
    const groups = (await callRoute(groupsRoute.GET, { apiKey: org.apiKey })).json.groups;
    expect(groups.map((g: { name: string; memberCount: number }) => [g.name, g.memberCount])).toEqual([
      ['CM1 A', 1],
      ['Parents CM2', 2],
    ]);
  });

  it('updates on re-import by email, else by phone, instead of duplicating', async () => {
    const org = await frenchOrg();
    await importCsv(
      org.apiKey,
      'first_name,last_name,email,phone,groups\nLéa,Martin,lea@example.fr,0612345678,CM1 A\nSam,Noël,,0698765432,\n',
    );
    const again = await importCsv(
      org.apiKey,
      [
        'first_name,last_name,email,phone,groups,email_opt_out,email_opt_out_reason,sms_opt_out',
        'Léa,Martin-Roux,LEA@example.fr,,Parents CM2,2026-01-15,moved away,', // by email; phone left as it was
        'Samuel,,sam@example.fr,+33 6 98 76 54 32,,,,yes', // by phone; gains an email
        'New,One,new@example.fr,,,,,',
      ].join('\n'),
    );
    expect(again.json).toEqual({ created: 1, updated: 2, errors: [] });
    const stored = await allContacts(org.apiKey);
    expect(stored).toHaveLength(3);
    const lea = stored.find((c: { email: string }) => c.email === 'lea@example.fr');
    expect(lea).toMatchObject({ lastName: 'Martin-Roux', phone: '+33612345678' });
    expect(lea.emailOptOut).toEqual({ at: '2026-01-15T00:00:00.000Z', reason: 'moved away' });
    expect(lea.groups.map((g: { name: string }) => g.name)).toEqual(['CM1 A', 'Parents CM2']);
    const sam = stored.find((c: { phone: string }) => c.phone === '+33698765432');
    expect(sam).toMatchObject({ firstName: 'Samuel', lastName: 'Noël', email: 'sam@example.fr' });
    expect(sam.smsOptOut).not.toBeNull();

    // An email of one contact and a phone of another: refused, both left as they were.
    const clash = await importCsv(org.apiKey, 'email,phone,first_name\nlea@example.fr,0698765432,X\n');
    expect(clash.json.errors).toEqual([{ row: 2, message: expect.stringContaining('another') }]);
    const rows = await t.db.select().from(contacts).where(eq(contacts.orgId, org.id));
    expect(rows.find((r) => r.email === 'lea@example.fr')!.firstName).toBe('Léa');
  });

  it('refuses a file that names neither email nor phone, and non-CSV bodies', async () => {
    const org = await frenchOrg();
    const res = await importCsv(org.apiKey, 'name,city\nA,B\n');
    expect(res.status).toBe(422);
    const wrongType = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { a: 1 },
    });
    expect(wrongType.status).toBe(415);
    const form = new FormData();
    form.append('file', new Blob(['email\nform@example.fr\n'], { type: 'text/csv' }), 'c.csv');
    const viaForm = await callRoute(importRoute.POST, { method: 'POST', apiKey: org.apiKey, body: form });
    expect(viaForm.json).toEqual({ created: 1, updated: 0, errors: [] });
  });

  it('exports CSV that imports back unchanged', async () => {
    const org = await frenchOrg();
    await importCsv(
      org.apiKey,
      [
        'first_name;last_name;email;phone;groups;language;email_opt_out;email_opt_out_reason;child',
        'Léa;"Martin, dite ""Lili""";lea@example.fr;0612345678;"CM1 A; Parents CM2";fr;2026-01-15T10:00:00Z;"moved; away";Hugo',
        // Cells a spreadsheet would run as formulas (CSV injection).
        'Sam;"=HYPERLINK(""http://evil.example"",""Noël"")";;0698765432;;;;;@SUM(A1)',
      ].join('\n'),
    );
    const before = await allContacts(org.apiKey);
    expect(before.map((c: { lastName: string }) => c.lastName)).toContain(
      '=HYPERLINK("http://evil.example","Noël")',
    );
    const exported = await callRoute(exportRoute.GET, { apiKey: org.apiKey });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv');
    // (Response.text() drops the BOM that tells spreadsheets it is UTF-8.)
    expect(exported.text.split('\r\n')[0]).toBe(
      'first_name,last_name,email,phone,language,email_opt_out,email_opt_out_reason,sms_opt_out,sms_opt_out_reason,groups,child',
    );
    // No cell starts with what Excel or LibreOffice would evaluate; the phone's + is kept as text.
    expect(exported.text).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(exported.text).toContain(`'=HYPERLINK(`);
    expect(exported.text).toContain(`'@SUM(A1)`);
    expect(exported.text).toContain(`'+33698765432`);

    // Into another organisation: the same contacts, groups and fields.
    const other = await frenchOrg();
    const res = await importCsv(other.apiKey, exported.text);
    expect(res.json).toEqual({ created: 2, updated: 0, errors: [] });
    const strip = (list: Record<string, unknown>[]) =>
      list.map(({ id: _id, createdAt: _c, updatedAt: _u, groups, ...rest }) => ({
        ...rest,
        groups: (groups as { name: string }[]).map((g) => g.name),
      }));
    expect(strip(await allContacts(other.apiKey))).toEqual(strip(before));
    // And into the same one: updates, no duplicates.
    expect((await importCsv(org.apiKey, exported.text)).json).toEqual({ created: 0, updated: 2, errors: [] });
  });
});
