// Address completion for compose: contacts and past recipients (To and Cc) of the organisation,
// accents and case ignored, parts of words matched, word starts first — and another
// organisation's people never suggested.
import { describe, expect, it } from 'vitest';
import { createContact } from '@/lib/contacts/create-contact';
import { suggestAddresses } from '@/lib/contacts/suggest-addresses';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

describe('address suggestions', () => {
  it('finds contacts and past recipients of the organisation only', async () => {
    const org = await createTestOrg(t.db);
    await createContact(t.db, org.ctx, {
      firstName: 'Bérénice',
      lastName: 'Étienne',
      email: 'berenice@example.test',
    });
    await createContact(t.db, org.ctx, { firstName: 'Sans', lastName: 'Adresse', phone: '+33612345678' });
    await enqueueMessage(t.db, org.ctx, {
      to: ['Zoé Lefèvre <zoe@example.test>'],
      cc: ['bob.etiennette@example.test'],
      bcc: ['hidden-etienne@example.test'],
      subject: 'Réunion',
      text: 'x',
    });
    // The same person written to again, as a contact too: one suggestion, with the contact's name.
    await createContact(t.db, org.ctx, { firstName: 'Zoé', lastName: 'Lefèvre', email: 'ZOE@example.test' });
    const other = await createTestOrg(t.db);
    await createContact(t.db, other.ctx, {
      firstName: 'Bérangère',
      lastName: 'Autre',
      email: 'berangere@example.test',
    });
    await enqueueMessage(t.db, other.ctx, { to: ['zoe.other@example.test'], subject: 's', text: 'x' });

    const find = async (q: string) =>
      (await suggestAddresses(t.db, org.ctx, q)).map((s) => `${s.source}:${s.name ?? ''}:${s.address}`);
    expect(await find('bere')).toEqual(['contact:Bérénice Étienne:berenice@example.test']);
    // Both start a word with it: the one written to comes first.
    expect(await find('ETIEN')).toEqual([
      'recent::bob.etiennette@example.test',
      'contact:Bérénice Étienne:berenice@example.test',
    ]);
    expect(await find('zoe')).toEqual(['contact:Zoé Lefèvre:zoe@example.test']);
    expect(await find('lefevre zo')).toEqual(['contact:Zoé Lefèvre:zoe@example.test']);
    expect(await find('ennet')).toEqual(['recent::bob.etiennette@example.test']);
    expect(await find('adresse')).toEqual([]);
    expect(await find('%')).toEqual([]);
    expect(await find('   ')).toEqual([]);
  });
});
