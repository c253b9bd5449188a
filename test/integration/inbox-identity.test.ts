// What makes two server messages one stored message, against a real Dovecot: the server's location
// (folder, UIDVALIDITY, UID) within a folder, the content (object id or digest) across folders and
// UIDVALIDITY changes, never the Message-ID or the headers alone. Deletions and moves on the server
// take messages out of the shared inbox (kept stored, the server untouched), and the upgrade's data
// migration lets the next sync import what the old rule dropped.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxMessageLocations, inboxMessages } from '@/lib/db/schema/inbox';
import { getMessage } from '@/lib/inbox/get-message';
import { listMessages } from '@/lib/inbox/list-messages';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, mailboxRow, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await destroyDovecot(dovecot);
});

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual', limits: { windowDays: 0 } });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome;
}

const date = new Date(Date.UTC(2026, 2, 3, 10, 0, 0));
/** Messages that the old rule (Message-ID, else stable headers) stored once. */
function trickyMessages() {
  const shared = '<shared-id@lists.example.org>';
  return {
    // A message, its mailing-list copy and a re-send by software that reuses ids: one Message-ID.
    sameId: [
      buildMessage({ subject: 'Meeting notes', messageId: shared, date, text: 'Original' }),
      buildMessage({ subject: '[team] Meeting notes', messageId: shared, date, text: 'List copy' }),
      buildMessage({ subject: 'Meeting notes', messageId: shared, date, text: 'Sent again, edited' }),
    ],
    // No Message-ID, every header identical, different bodies (test mail, monitoring probes).
    noId: [
      buildMessage({ subject: 'Probe', messageId: null, date, text: 'probe 1' }),
      buildMessage({ subject: 'Probe', messageId: null, date, text: 'probe 2' }),
    ],
    // The same message filed in INBOX and in Archive.
    both: buildMessage({ subject: 'Invoice 42', messageId: '<invoice-42@example.org>', date }),
  };
}

async function listed(ctx: Parameters<typeof listMessages>[1], mailboxId: string) {
  const page = await listMessages(t.db, ctx, { integrationId: mailboxId, limit: 200 });
  return page.messages;
}

async function liveLocations(messageId: string) {
  return t.db
    .select()
    .from(inboxMessageLocations)
    .where(and(eq(inboxMessageLocations.messageId, messageId), sql`${inboxMessageLocations.goneAt} is null`));
}

describe('message identity', () => {
  it('keeps different messages that share a Message-ID or headers, stores a message in two folders once, survives a UIDVALIDITY change, an expunge and a move', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'identity@example.com', password: 'identity-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      ...user,
      folders: ['INBOX', 'Archive'],
    });
    const m = trickyMessages();
    await dovecot.append(
      user.email,
      user.password,
      'INBOX',
      [...m.sameId, ...m.noId, m.both].map((raw) => ({ raw })),
    );
    await dovecot.append(user.email, user.password, 'Archive', [{ raw: m.both }]);

    const first = await sync(mailbox.id);
    expect(first.status).toBe('success');
    // Six server messages in INBOX, all new; the Archive copy is the INBOX message found again.
    expect(first.summary).toMatchObject({ imported: 6, duplicates: 1, quarantined: 0, removed: 0 });
    let stored = await storedMessages(t.db, mailbox.id);
    expect(stored).toHaveLength(6);
    expect(
      stored
        .filter((s) => s.messageId === '<shared-id@lists.example.org>')
        .map((s) => s.text?.trim())
        .sort(),
    ).toEqual(['List copy', 'Original', 'Sent again, edited']);
    expect(
      stored
        .filter((s) => s.subject === 'Probe')
        .map((s) => s.text?.trim())
        .sort(),
    ).toEqual(['probe 1', 'probe 2']);
    let list = await listed(org.ctx, mailbox.id);
    expect(list).toHaveLength(6);
    const invoice = stored.find((s) => s.subject === 'Invoice 42')!;
    const view = await getMessage(t.db, org.ctx, invoice.id);
    expect(view.locations.map((l) => [l.folder, l.goneAt])).toEqual([
      ['INBOX', null],
      ['Archive', null],
    ]);
    expect((await mailboxRow(t.db, mailbox.id)).messageCount).toBe(6);

    // Re-syncing finds nothing new.
    expect((await sync(mailbox.id)).summary).toMatchObject({ imported: 0, duplicates: 0 });

    // Both folders renumbered: everything is recognised by content, nothing imported twice.
    await dovecot.setUidValidity(user.email, 'INBOX', 7001);
    await dovecot.setUidValidity(user.email, 'Archive', 7002);
    const rescan = await sync(mailbox.id);
    expect(rescan.summary.folders.map((f) => f.uidValidityChanged)).toEqual([true, true]);
    expect(rescan.summary).toMatchObject({ imported: 0, duplicates: 7, quarantined: 0 });
    stored = await storedMessages(t.db, mailbox.id);
    expect(stored).toHaveLength(6);
    expect(stored.every((s) => s.removedAt === null)).toBe(true);
    expect(await listed(org.ctx, mailbox.id)).toHaveLength(6);
    const invoiceLive = await liveLocations(invoice.id);
    expect(invoiceLive.map((l) => [l.folder, l.uidValidity]).sort()).toEqual([
      ['Archive', 7002],
      ['INBOX', 7001],
    ]);
    // Each of the three same-id messages has its own new location (none folded into another).
    for (const s of stored)
      expect(await liveLocations(s.id)).toHaveLength(s.subject === 'Invoice 42' ? 2 : 1);

    // Expunged in another client: the list copy leaves the shared inbox, stays stored, the page says so.
    const client = await dovecot.client(user.email, user.password);
    const listCopy = stored.find((s) => s.text?.trim() === 'List copy')!;
    await client.mailboxOpen('INBOX');
    await client.messageDelete({ uid: String(listCopy.uid) }, { uid: true });
    const afterExpunge = await sync(mailbox.id);
    expect(afterExpunge.summary).toMatchObject({ imported: 0, removed: 1 });
    list = await listed(org.ctx, mailbox.id);
    expect(list.map((l) => l.id)).not.toContain(listCopy.id);
    expect(list).toHaveLength(5);
    const gone = await getMessage(t.db, org.ctx, listCopy.id);
    expect(gone.removedAt).not.toBeNull();
    expect(gone.locations.every((l) => l.goneAt !== null)).toBe(true);
    expect((await mailboxRow(t.db, mailbox.id)).messageCount).toBe(5);

    // Moved from INBOX to Archive: still one message in the shared inbox, now found in Archive only.
    const probe = stored.find((s) => s.text?.trim() === 'probe 2')!;
    await client.messageMove({ uid: String(probe.uid) }, 'Archive', { uid: true });
    await client.logout();
    const afterMove = await sync(mailbox.id);
    expect(afterMove.summary).toMatchObject({ imported: 0, duplicates: 1, removed: 1 });
    list = await listed(org.ctx, mailbox.id);
    expect(list).toHaveLength(5);
    const moved = await getMessage(t.db, org.ctx, probe.id);
    expect(moved.removedAt).toBeNull();
    expect(moved.folder).toBe('Archive');
    expect(moved.locations.filter((l) => l.goneAt === null).map((l) => l.folder)).toEqual(['Archive']);
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(6);

    // Nothing of this was deleted on the server by Mailroom: the server still holds 4 + 2 messages.
    const check = await dovecot.client(user.email, user.password);
    const count = async (folder: string) => {
      const status = await check.status(folder, { messages: true });
      return status ? status.messages : -1;
    };
    expect(await count('INBOX')).toBe(4);
    expect(await count('Archive')).toBe(2);
    await check.logout();
  });

  it('two byte-identical messages in one folder are two server messages, stored twice', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'twins@example.com', password: 'twins-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const raw = buildMessage({ subject: 'Twice', messageId: '<twice@example.org>', date });
    await dovecot.append(user.email, user.password, 'INBOX', [{ raw }, { raw }]);
    expect((await sync(mailbox.id)).summary).toMatchObject({ imported: 2, duplicates: 0 });
    expect(await listed(org.ctx, mailbox.id)).toHaveLength(2);
  });

  it('after the upgrade migration, the next sync imports the messages the old rule had dropped', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'upgrade@example.com', password: 'upgrade-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const m = trickyMessages();
    await dovecot.append(
      user.email,
      user.password,
      'INBOX',
      [...m.sameId, ...m.noId].map((raw) => ({ raw })),
    );
    await sync(mailbox.id);
    // The state an installation had before: one row per Message-ID / header set (the first one of
    // each kept), no locations, old-style keys, no digest, and cursors that think they are done.
    const before = await storedMessages(t.db, mailbox.id);
    const dropped = before.filter((s) =>
      ['List copy', 'Sent again, edited', 'probe 2'].includes(s.text?.trim() ?? ''),
    );
    await t.db.delete(inboxMessageLocations).where(eq(inboxMessageLocations.mailboxId, mailbox.id));
    for (const d of dropped) await t.db.delete(inboxMessages).where(eq(inboxMessages.id, d.id));
    await t.db
      .update(inboxMessages)
      .set({ externalId: sql`'mid:' || coalesce(${inboxMessages.messageId}, 'none')`, contentDigest: null })
      .where(eq(inboxMessages.mailboxId, mailbox.id));
    const kept = await storedMessages(t.db, mailbox.id);
    expect(kept).toHaveLength(2);

    // The data migration, as shipped.
    const file = fs
      .readdirSync(path.join(process.cwd(), 'drizzle'))
      .find((f) => f.endsWith('_inbox-message-locations-data.sql'))!;
    const statements = fs
      .readFileSync(path.join(process.cwd(), 'drizzle', file), 'utf8')
      .split('--> statement-breakpoint');
    for (const statement of statements) await t.db.execute(sql.raw(statement));

    const next = await sync(mailbox.id);
    expect(next.summary).toMatchObject({ imported: 3, duplicates: 2, quarantined: 0 });
    const after = await storedMessages(t.db, mailbox.id);
    expect(after).toHaveLength(5);
    for (const k of kept) expect(after.find((a) => a.id === k.id)).toBeDefined();
    expect((await sync(mailbox.id)).summary).toMatchObject({ imported: 0, duplicates: 0 });
    expect(await listed(org.ctx, mailbox.id)).toHaveLength(5);
  });
});
