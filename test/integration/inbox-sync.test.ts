// The IMAP sync engine against a real Dovecot: first sync of real-world and hostile messages,
// incremental sync, re-runs without duplicates, \Seen changes by CONDSTORE, UIDVALIDITY changes,
// charsets and encoded attachment names, quarantine, the first-sync window and its continuation.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxAttachments, inboxFolderCursors } from '@/lib/db/schema/inbox';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import {
  buildMessage,
  createDovecotMailbox,
  fixtureFiles,
  mailboxRow,
  parserBreakingMessage,
  quarantinedMessages,
  storedMessages,
} from '../helpers/inbox';
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

async function sync(mailboxId: string, limits = {}) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual', limits });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome;
}

describe('inbox sync against Dovecot', () => {
  it('imports every fixture or quarantines it with its reason, then finds nothing new', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'fixtures@example.com', password: 'fixtures-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const fixtures = fixtureFiles();
    await dovecot.append(user.email, user.password, 'INBOX', [
      ...fixtures.map((f) => ({ raw: f.raw })),
      { raw: parserBreakingMessage() },
    ]);

    const first = await sync(mailbox.id);
    const stored = await storedMessages(t.db, mailbox.id);
    const quarantined = await quarantinedMessages(t.db, mailbox.id);
    // Every message is accounted for: imported or quarantined, none lost, none merged.
    expect(stored.length + quarantined.length).toBe(fixtures.length + 1);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({
      subject: 'Too many parts',
      from: '"Mass Mailer" <mass@example.org>',
    });
    expect(quarantined[0]!.error).toMatch(/^Could not be parsed: Max allowed child nodes exceeded/);
    expect(quarantined[0]!.rawSize).toBe(parserBreakingMessage().length);
    expect(quarantined[0]!.raw?.toString()).toBe(parserBreakingMessage());
    expect(first.summary).toMatchObject({ imported: fixtures.length, quarantined: 1, duplicates: 0 });
    // The truth on the mailbox: partial, because one message could not be imported.
    const row = await mailboxRow(t.db, mailbox.id);
    expect(row).toMatchObject({
      status: 'partial',
      messageCount: fixtures.length,
      quarantinedCount: 1,
      consecutiveFailures: 0,
    });
    expect(row.lastError).toMatch(/1 message\(s\) could not be imported and were quarantined/);

    const bySubject = (s: string) => stored.find((m) => m.subject === s);
    // Charsets and RFC 2047 headers, decoded.
    expect(bySubject('Réservation confirmée à Noël')).toMatchObject({ fromName: 'Renée Dupré' });
    expect(bySubject('Réservation confirmée à Noël')!.text).toContain('ça coûte 12 EUR');
    expect(bySubject('Rechnung € 120')!.text).toContain('Betrag: 120 €, bitte “bald” zahlen. Grüße');
    expect(bySubject('Привет из Москвы')!.text).toContain('Привет из Москвы');
    const jis = bySubject('請求書 – facture')!;
    expect(jis.fromName).toBe('日本語');
    expect(jis.text).toContain('日本語');
    const jisFiles = await t.db
      .select()
      .from(inboxAttachments)
      .where(eq(inboxAttachments.inboxMessageId, jis.id));
    // RFC 2047 and RFC 2231 encoded attachment names.
    expect(jisFiles.map((a) => a.filename).sort()).toEqual(['facture-été.pdf', '請求書.txt']);
    expect(jisFiles.find((a) => a.filename === 'facture-été.pdf')!.content.toString('latin1')).toMatch(
      /^%PDF-1\.4/,
    );
    // Real-world ones: attachments with unicode names, a bounce, a 1 MB body, hostile HTML.
    const nodemailer = bySubject('Nodemailer is unicode friendly ✔ (1476358788189)')!;
    const files = await t.db
      .select()
      .from(inboxAttachments)
      .where(eq(inboxAttachments.inboxMessageId, nodemailer.id));
    expect(files.find((a) => a.filename === 'nyan cat ✔.gif')).toMatchObject({
      size: 29361,
      contentType: 'image/gif',
    });
    expect(nodemailer.html).toContain('cid:');
    expect(bySubject('Delivery Status Notification (Failure)')!.text).toMatch(/\S/);
    expect(bySubject('Cause out of memory error in the mailparser')!.size).toBeGreaterThan(1_000_000);
    expect(stored.every((m) => m.externalId.length > 4 && m.uidValidity > 0)).toBe(true);

    // Nothing new: the STATUS check is enough, nothing is fetched or written.
    const second = await sync(mailbox.id);
    expect(second.status).toBe('success');
    expect(second.summary).toMatchObject({ imported: 0, duplicates: 0, quarantined: 0 });
    expect(second.summary.folders[0]!.unchanged).toBe(true);
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(fixtures.length);
    expect(await quarantinedMessages(t.db, mailbox.id)).toHaveLength(1);
  });

  it('imports hostile messages (NUL bytes, bad dates, raw 8-bit headers, no headers, garbage) without losing one', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'hostile@example.com', password: 'hostile-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const raw = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'latin1');
    const hostile = [
      raw('Subject: only a subject\n\nbody\n'),
      raw('\n\nno headers at all\n'),
      Buffer.concat([
        raw('From: nul@example.org\nSubject: nul \0 here\nMessage-ID: <h1@x>\n\n'),
        Buffer.from('a\0b\r\n'),
      ]),
      raw(
        'From: a@b\nDate: Mon, 01 Jan 99999 00:00:00 +0000\nSubject: absurd year\nMessage-ID: <h2@x>\n\nx\n',
      ),
      raw('From: a@b\nDate: sometime last week\nSubject: unreadable date\nMessage-ID: <h3@x>\n\nx\n'),
      raw(
        'From: a@b\nSubject: 8-bit \xff\xfe raw\nContent-Type: text/plain; charset=x-unknown\nMessage-ID: <h4@x>\n\nh\xe9\n',
      ),
      raw('From: "Broken <a@b\nTo: ,,;<<>>\nSubject: broken addresses\nMessage-ID: <h5@x>\n\nx\n'),
      raw(
        'From: a@b\nSubject: never closed\nContent-Type: multipart/mixed; boundary="zz"\nMessage-ID: <h6@x>\n\n--zz\n\nhi\n--zz\nContent-Transfer-Encoding: base64\n\n!!not base64!!\n',
      ),
      raw(`From: a@b\nSubject: huge id\nMessage-ID: <${'m'.repeat(3000)}@x>\n\nx\n`),
      Buffer.concat([raw('From: a@b\nSubject: garbage\nMessage-ID: <h7@x>\n\n'), crypto.randomBytes(4000)]),
    ];
    await dovecot.append(
      user.email,
      user.password,
      'INBOX',
      hostile.map((r) => ({ raw: r })),
    );
    const outcome = await sync(mailbox.id);
    const rows = await storedMessages(t.db, mailbox.id);
    const quarantined = await quarantinedMessages(t.db, mailbox.id);
    expect(rows.length + quarantined.length).toBe(hostile.length);
    expect(outcome.summary.imported + outcome.summary.quarantined).toBe(hostile.length);
    const bySubject = new Map(rows.map((r) => [r.subject, r]));
    const nul = rows.find((r) => r.subject.startsWith('nul'))!;
    expect(nul.subject).not.toContain('\0');
    expect(nul.text).toMatch(/^a.?b\n$/);
    expect(bySubject.get('absurd year')!.date).toBeNull();
    expect(bySubject.get('unreadable date')!.date).toBeNull();
    expect(rows.find((r) => r.subject === 'huge id')!.externalId).toMatch(/^hash:/);
    expect((await sync(mailbox.id)).summary).toMatchObject({ imported: 0, duplicates: 0, quarantined: 0 });
  });

  it('fetches only new mail, ignores the message IMAP returns for an empty range, and follows \\Seen changes', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'incremental@example.com', password: 'incremental-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'one' }) },
      { raw: buildMessage({ subject: 'two' }), seen: true },
    ]);
    expect((await sync(mailbox.id)).summary.imported).toBe(2);

    await dovecot.append(user.email, user.password, 'INBOX', [{ raw: buildMessage({ subject: 'three' }) }]);
    const second = await sync(mailbox.id);
    expect(second.summary).toMatchObject({ imported: 1, duplicates: 0 });
    let rows = await storedMessages(t.db, mailbox.id);
    expect(rows.map((r) => [r.subject, r.uid, r.seen])).toEqual([
      ['one', 1, false],
      ['two', 2, true],
      ['three', 3, false],
    ]);

    // A fourth message arrives and is expunged before the sync: UIDNEXT moved but `4:*` only
    // matches message 3 (IMAP answers `n:*` with the last message). It must not come back twice.
    const client = await dovecot.client(user.email, user.password);
    await client.mailboxOpen('INBOX');
    await client.append('INBOX', buildMessage({ subject: 'gone' }));
    await client.messageDelete({ uid: '4' }, { uid: true });
    const third = await sync(mailbox.id);
    expect(third.summary).toMatchObject({ imported: 0, duplicates: 0 });
    const [cursor] = await t.db
      .select()
      .from(inboxFolderCursors)
      .where(eq(inboxFolderCursors.mailboxId, mailbox.id));
    expect(cursor!.lastUid).toBe(4);
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(3);

    // Read in another client: CONDSTORE tells which flags changed.
    await client.messageFlagsAdd('1,3', ['\\Seen'], { uid: true });
    await client.messageFlagsRemove('2', ['\\Seen'], { uid: true });
    const fourth = await sync(mailbox.id);
    expect(fourth.summary).toMatchObject({ imported: 0, flagUpdates: 3 });
    rows = await storedMessages(t.db, mailbox.id);
    expect(rows.map((r) => r.seen)).toEqual([true, false, true]);
    await client.logout();

    const fifth = await sync(mailbox.id);
    expect(fifth.summary.folders[0]!.unchanged).toBe(true);
  });

  it('rescans after a UIDVALIDITY change (INBOX renumbered, a folder recreated) without duplicates', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'uidvalidity@example.com', password: 'uidvalidity-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      ...user,
      folders: ['INBOX', 'Archive'],
    });
    const inbox = [1, 2, 3].map((i) => buildMessage({ subject: `inbox ${i}` }));
    const archive = [1, 2].map((i) =>
      buildMessage({ subject: `archive ${i}`, messageId: null, date: new Date(Date.UTC(2026, 0, i)) }),
    );
    await dovecot.append(
      user.email,
      user.password,
      'INBOX',
      inbox.map((raw) => ({ raw })),
    );
    await dovecot.append(
      user.email,
      user.password,
      'Archive',
      archive.map((raw) => ({ raw })),
    );
    expect((await sync(mailbox.id, { windowDays: 0 })).summary.imported).toBe(5);
    const before = await storedMessages(t.db, mailbox.id);

    // INBOX gets a new UIDVALIDITY; Archive is deleted and recreated with the same mail (new UIDs).
    await dovecot.setUidValidity(user.email, 'INBOX', 424242);
    const client = await dovecot.client(user.email, user.password);
    await client.mailboxDelete('Archive');
    await client.mailboxCreate('Archive');
    await client.append(
      'Archive',
      buildMessage({ subject: 'archive new', messageId: '<archive-new@example.org>' }),
    );
    for (const raw of archive) await client.append('Archive', raw);

    const rescan = await sync(mailbox.id, { windowDays: 0 });
    expect(rescan.status).toBe('success');
    expect(rescan.summary.folders.map((f) => f.uidValidityChanged)).toEqual([true, true]);
    expect(rescan.summary).toMatchObject({ imported: 1, duplicates: 5, quarantined: 0 });
    const after = await storedMessages(t.db, mailbox.id);
    expect(after).toHaveLength(6);
    expect(new Set(after.map((m) => m.externalId)).size).toBe(6);
    // The same rows, moved to their new UIDs: not re-imported.
    for (const old of before) expect(after.find((m) => m.id === old.id)).toBeDefined();
    expect(after.filter((m) => m.folder === 'INBOX').every((m) => m.uidValidity === 424242)).toBe(true);
    const archived = after.filter((m) => m.folder === 'Archive').map((m) => [m.subject, m.uid]);
    expect(archived.sort()).toEqual([
      ['archive 1', 2],
      ['archive 2', 3],
      ['archive new', 1],
    ]);

    // Flags keep working on the new UIDs.
    await client.mailboxOpen('Archive');
    await client.messageFlagsAdd('2', ['\\Seen'], { uid: true });
    await client.logout();
    const flags = await sync(mailbox.id, { windowDays: 0 });
    expect(flags.summary).toMatchObject({ imported: 0, flagUpdates: 1, duplicates: 0 });
    expect((await storedMessages(t.db, mailbox.id)).find((m) => m.subject === 'archive 1')!.seen).toBe(true);
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(6);
  });

  it('switching the mailbox to another account starts its folders afresh, even with the same UIDVALIDITY', async () => {
    const org = await createTestOrg(t.db);
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      email: 'old@example.com',
      password: 'old-pw',
    });
    await dovecot.addUser('new@example.com', 'new-pw');
    await dovecot.append(
      'old@example.com',
      'old-pw',
      'INBOX',
      [1, 2].map((i) => ({ raw: buildMessage({ subject: `old ${i}` }) })),
    );
    await dovecot.append(
      'new@example.com',
      'new-pw',
      'INBOX',
      [1, 2, 3].map((i) => ({ raw: buildMessage({ subject: `new ${i}` }) })),
    );
    await sync(mailbox.id);
    const [cursor] = await t.db
      .select()
      .from(inboxFolderCursors)
      .where(eq(inboxFolderCursors.mailboxId, mailbox.id));
    await dovecot.setUidValidity('new@example.com', 'INBOX', cursor!.uidValidity);

    await updateIntegration(t.db, org.ctx, mailbox.id, { username: 'new@example.com', password: 'new-pw' });
    const outcome = await sync(mailbox.id);
    expect(outcome.summary.imported).toBe(3);
    const subjects = (await storedMessages(t.db, mailbox.id)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['new 1', 'new 2', 'new 3', 'old 1', 'old 2']);
  });

  it('first sync: only the window, newest first in batches, continued by the next run when time is up', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'window@example.com', password: 'window-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const day = 86_400_000;
    const now = Date.now();
    // Written on disk; the file dates are what IMAP reports as INTERNALDATE.
    dovecot.writeMaildir(user.email, 'INBOX', [
      ...Array.from({ length: 5 }, (_, i) => ({
        raw: buildMessage({ subject: `old ${i}`, date: new Date(now - (200 + i) * day) }),
        date: new Date(now - (200 + i) * day),
      })),
      ...Array.from({ length: 25 }, (_, i) => ({
        raw: buildMessage({ subject: `recent ${i}`, date: new Date(now - (25 - i) * 3_600_000) }),
        date: new Date(now - (25 - i) * 3_600_000),
      })),
    ]);

    // No time at all: the run stops before its first batch and says the backfill is pending.
    const cut = await sync(mailbox.id, { windowDays: 90, batchSize: 10, maxRunMs: 0 });
    expect(cut.status).toBe('success');
    expect(cut.summary).toMatchObject({ imported: 0, backfillPending: true });
    expect((await mailboxRow(t.db, mailbox.id)).nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());

    const full = await sync(mailbox.id, { windowDays: 90, batchSize: 10 });
    expect(full.summary).toMatchObject({ imported: 25, backfillPending: false });
    const rows = await storedMessages(t.db, mailbox.id);
    expect(rows.every((r) => r.subject.startsWith('recent'))).toBe(true);
    // Newest first: sorted by arrival, newest first, the rows were written in that order (batch by batch).
    const byArrival = [...rows].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
    for (let i = 1; i < byArrival.length; i++) {
      expect(byArrival[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(byArrival[i - 1]!.createdAt.getTime());
    }
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBe(3);

    const again = await sync(mailbox.id, { windowDays: 90, batchSize: 10 });
    expect(again.summary).toMatchObject({ imported: 0, backfillPending: false });
    expect(again.summary.folders[0]!.unchanged).toBe(true);
  });

  it('quarantines a message over the size limit without downloading it, and threads replies together', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'limits@example.com', password: 'limits-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const big = buildMessage({
      subject: 'Huge scan',
      attachments: [
        { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(300_000, 7) },
      ],
    });
    const root = '<root@example.org>';
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'Question', messageId: root }) },
      { raw: big },
      { raw: buildMessage({ subject: 'Re: Question', inReplyTo: root, references: [root] }) },
      { raw: buildMessage({ subject: 'Unrelated' }) },
    ]);
    const outcome = await sync(mailbox.id, { maxMessageBytes: 200_000 });
    expect(outcome.status).toBe('partial');
    const [q] = await quarantinedMessages(t.db, mailbox.id);
    expect(q).toMatchObject({ subject: 'Huge scan', raw: null, rawSize: Buffer.byteLength(big) });
    expect(q!.error).toMatch(/^Too large to import: 0\.\d MB, over the 0\.2 MB limit/);

    const rows = await storedMessages(t.db, mailbox.id);
    const key = (s: string) => rows.find((r) => r.subject === s)!.threadKey;
    expect(key('Question')).toBe(root);
    expect(key('Re: Question')).toBe(root);
    expect(key('Unrelated')).not.toBe(root);
  });
});
