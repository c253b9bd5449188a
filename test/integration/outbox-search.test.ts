// The outbox's search text lives in outbox_search, filled after the insert by the worker's indexer:
// a message is found the moment it is queued (matched directly until indexed), after indexing
// (through the trigram index), after an edit of its subject or recipients, and never another
// organisation's.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { suggestAddresses } from '@/lib/contacts/suggest-addresses';
import { outboxMessages } from '@/lib/db/schema/outbox';
import { outboxSearch, outboxSearchState } from '@/lib/db/schema/outbox-search';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { indexOutboxSearch } from '@/lib/outbox/index-outbox-search';
import { listMessages } from '@/lib/outbox/list-messages';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

describe('outbox search, indexed after the insert', () => {
  it('finds a message as soon as it is queued, and after it is indexed', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const [sent] = await enqueueMessage(t.db, org.ctx, [
      { to: ['Zoé Lefèvre <zoe@example.test>'], subject: 'Fête de l’école', text: 'x' },
      { to: ['bob@example.test'], subject: 'Facture', text: 'x' },
    ]);
    await enqueueMessage(t.db, other.ctx, { to: ['zoe@example.test'], subject: 'Fête', text: 'x' });
    const find = async (q: string, ctx = org.ctx) =>
      (await listMessages(t.db, ctx, { q, limit: 50 })).messages.map((m) => m.subject);

    // Not indexed yet: matched directly.
    expect(await t.db.$count(outboxSearch, eq(outboxSearch.messageId, sent!.id))).toBe(0);
    expect(await find('fete ecole')).toEqual(['Fête de l’école']);
    expect(await find('LEFEV')).toEqual(['Fête de l’école']);

    expect(await indexOutboxSearch(t.db)).toBeGreaterThanOrEqual(3);
    const [row] = await t.db.select().from(outboxSearch).where(eq(outboxSearch.messageId, sent!.id));
    expect(row?.document).toContain("fete de l'ecole"); // unaccent folds ’ too
    const [state] = await t.db.select().from(outboxSearchState);
    const [message] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, sent!.id));
    expect(state!.indexedBefore.getTime()).toBeGreaterThan(message!.createdAt.getTime());
    // Indexed: found through outbox_search, the same answers.
    expect(await find('fete ecole')).toEqual(['Fête de l’école']);
    expect(await find('LEFEV')).toEqual(['Fête de l’école']);
    expect(await find('facture')).toEqual(['Facture']);
    expect(await find('fete', other.ctx)).toEqual(['Fête']);
    expect((await suggestAddresses(t.db, org.ctx, 'zoe')).map((s) => s.address)).toEqual([
      'zoe@example.test',
    ]);
    // A second turn has nothing to do.
    expect(await indexOutboxSearch(t.db)).toBe(0);
  });

  it('follows an edit of the subject or the recipients', async () => {
    const org = await createTestOrg(t.db);
    const queued = await enqueueMessage(t.db, org.ctx, {
      to: ['ann@example.test'],
      subject: 'Réunion',
      text: 'x',
    });
    await indexOutboxSearch(t.db);
    await t.db
      .update(outboxMessages)
      .set({ subject: 'Kermesse', to: [{ address: 'eve@example.test' }] })
      .where(eq(outboxMessages.id, queued.id));
    const find = async (q: string) =>
      (await listMessages(t.db, org.ctx, { q, limit: 50 })).messages.map((m) => m.id);
    expect(await find('reunion')).toEqual([]);
    expect(await find('ann@')).toEqual([]);
    expect(await find('kermesse eve')).toEqual([queued.id]);
  });

  it('answers through the trigram index of outbox_search', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await tx.execute(
        sql`explain select message_id from outbox_search where document like '%reunion%'`,
      );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('outbox_search_document_trgm');
  });
});
