// Issue 14, bug 8: search ignores accents and case and matches parts of words — "reunion" finds
// "Réunion", "benev" finds "bénévoles" — in the inbox, the outbox and the contacts, and the
// queries use the trigram indexes of the migration (the folded expressions match).
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createContact } from '@/lib/contacts/create-contact';
import { listContacts } from '@/lib/contacts/list-contacts';
import { credentials } from '@/lib/db/schema/credentials';
import { inboxMailboxes, inboxMessages } from '@/lib/db/schema/inbox';
import { containsFolded, searchText } from '@/lib/db/search-text';
import { messageFilters } from '@/lib/inbox/message-filters';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { listMessages } from '@/lib/outbox/list-messages';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

async function inboxWith(orgId: string, subjects: string[]) {
  const [credential] = await t.db
    .insert(credentials)
    .values({ orgId, kind: 'password', secretSealed: 'unused' })
    .returning({ id: credentials.id });
  const [mailbox] = await t.db
    .insert(inboxMailboxes)
    .values({
      orgId,
      name: 'École',
      host: 'imap.example.test',
      port: 993,
      security: 'tls',
      username: 'u',
      credentialId: credential!.id,
      active: false,
    })
    .returning({ id: inboxMailboxes.id });
  await t.db.insert(inboxMessages).values(
    subjects.map((subject, i) => ({
      orgId,
      mailboxId: mailbox!.id,
      folder: 'INBOX',
      uid: i + 1,
      uidValidity: 1,
      externalId: `uid:1:${i + 1}`,
      threadKey: `t${i}`,
      fromName: i === 0 ? 'Hélène Lefèvre' : 'Someone',
      fromAddress: 'x@example.test',
      subject,
      text: i === 1 ? 'Les BÉNÉVOLES sont attendus à 18 h.' : 'rien',
      receivedAt: new Date(),
      size: 100,
    })),
  );
}

describe('search folds accents and case and matches parts of words', () => {
  it('in the inbox', async () => {
    const org = await createTestOrg(t.db);
    await inboxWith(org.id, ['Réunion de rentrée', 'Kermesse', 'Facture 2024']);
    const find = async (q: string) =>
      (
        await t.db
          .select({ subject: inboxMessages.subject })
          .from(inboxMessages)
          .where(messageFilters(org.ctx, { q }))
      )
        .map((r) => r.subject)
        .sort();
    expect(await find('reunion')).toEqual(['Réunion de rentrée']);
    expect(await find('REUN')).toEqual(['Réunion de rentrée']);
    expect(await find('benevoles')).toEqual(['Kermesse']);
    expect(await find('helene')).toEqual(['Réunion de rentrée']);
    expect(await find('lefevre reunion')).toEqual(['Réunion de rentrée']);
    expect(await find('100%')).toEqual([]);
    // Another organisation's messages stay out.
    const other = await createTestOrg(t.db);
    expect(
      await t.db
        .select()
        .from(inboxMessages)
        .where(messageFilters(other.ctx, { q: 'reunion' })),
    ).toEqual([]);
  });

  it('in the outbox', async () => {
    const org = await createTestOrg(t.db);
    await enqueueMessage(t.db, org.ctx, {
      to: ['Amélie Bénévole <amelie@example.test>'],
      subject: 'Réunion des bénévoles',
      text: 'x',
    });
    await enqueueMessage(t.db, org.ctx, { to: ['bob@example.test'], subject: 'Autre chose', text: 'x' });
    const find = async (q: string) =>
      (await listMessages(t.db, org.ctx, { q, limit: 50 })).messages.map((m) => m.subject);
    expect(await find('reunion benev')).toEqual(['Réunion des bénévoles']);
    expect(await find('AMELIE')).toEqual(['Réunion des bénévoles']);
    expect(await find('autre')).toEqual(['Autre chose']);
  });

  it('in the contacts', async () => {
    const org = await createTestOrg(t.db);
    await createContact(t.db, org.ctx, {
      firstName: 'Noël',
      lastName: 'Lefèvre',
      email: 'noel@example.test',
    });
    const find = async (q: string) =>
      (await listContacts(t.db, org.ctx, { q, limit: 50 })).contacts.map((c) => c.lastName);
    expect(await find('noel')).toEqual(['Lefèvre']);
    expect(await find('lefev')).toEqual(['Lefèvre']);
    expect(await find('lefevre noel')).toEqual(['Lefèvre']);
    expect(await find('noël lefèvre')).toEqual(['Lefèvre']);
  });

  it('with the trigram indexes (the folded expressions are the indexed ones)', async () => {
    const planOf = (table: string, document: SQL) =>
      t.db.transaction(async (tx) => {
        // Only an index on this very expression can answer without a sequential scan.
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await tx.execute(
          sql`explain select 1 from ${sql.identifier(table)} where ${containsFolded(document, 'reunion')}`,
        );
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
    expect(await planOf('inbox_messages', searchText.inboxMessage())).toContain('inbox_messages_search_trgm');
    // The outbox's folded text lives in outbox_search (lib/outbox/index-outbox-search.ts).
    expect(await planOf('outbox_search', sql`document`)).toContain('outbox_search_document_trgm');
    expect(await planOf('contacts', searchText.contact())).toContain('contacts_search_trgm');
    expect(await planOf('invoices', searchText.invoiceClient())).toContain('invoices_client_trgm');
  });
});
