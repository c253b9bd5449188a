// Failures and their truth on the mailbox: a wrong password, a server that is down (backoff, then
// recovery), a missing folder; none of it touches another mailbox. Test connection's plain words,
// the locks (one sync per mailbox, a cap per mail host), and two organisations kept apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxMessages } from '@/lib/db/schema/inbox';
import { dispatchDueSyncs } from '@/lib/inbox/dispatch-due-syncs';
import { listMessages } from '@/lib/inbox/list-messages';
import { acquireSyncLocks } from '@/lib/inbox/sync-locks';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { syncMailboxes } from '@/lib/inbox/sync-mailboxes';
import { testConnection, testIntegrationConnection } from '@/lib/inbox/test-connection';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, mailboxRow, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let a: Dovecot;
let b: Dovecot;

beforeAll(async () => {
  [a, b] = await Promise.all([startDovecot(), startDovecot()]);
});
afterAll(async () => {
  await Promise.all([destroyDovecot(a), destroyDovecot(b)]);
});

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'schedule' });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome;
}

const minutesFromNow = (d: Date) => Math.round((d.getTime() - Date.now()) / 60_000);

describe('inbox failures', () => {
  it('a wrong password is an error in plain words that backs off, and a fixed password recovers', async () => {
    const org = await createTestOrg(t.db);
    const mailbox = await createDovecotMailbox(t.db, org.ctx, a, {
      email: 'pw@example.com',
      password: 'right',
    });
    await a.append('pw@example.com', 'right', 'INBOX', [{ raw: buildMessage({ subject: 'hello' }) }]);
    await updateIntegration(t.db, org.ctx, mailbox.id, { password: 'wrong' });

    const first = await sync(mailbox.id);
    expect(first.status).toBe('error');
    expect(first.error).toBe(
      'The server refused the username or password ("Authentication failed."). Check them; Gmail, Outlook, Yahoo, iCloud, Fastmail and Zoho need an app password, not the account password.',
    );
    let row = await mailboxRow(t.db, mailbox.id);
    expect(row).toMatchObject({ status: 'error', lastError: first.error, consecutiveFailures: 1 });
    expect(minutesFromNow(row.nextSyncAt)).toBe(5);
    // Backing off: the dispatcher does not pick it up before its time.
    expect((await dispatchDueSyncs(t.db)).mailboxIds).not.toContain(mailbox.id);

    // A new password clears the backoff (due at once) and the next run tells the truth again.
    await updateIntegration(t.db, org.ctx, mailbox.id, { password: 'right' });
    expect((await mailboxRow(t.db, mailbox.id)).nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());
    const fixed = await sync(mailbox.id);
    expect(fixed.status).toBe('success');
    row = await mailboxRow(t.db, mailbox.id);
    expect(row).toMatchObject({
      status: 'success',
      lastError: null,
      consecutiveFailures: 0,
      messageCount: 1,
    });
    expect(minutesFromNow(row.nextSyncAt)).toBe(5);
  });

  it('a server that is down fails its mailbox only, backs off, and the mailbox recovers when it is back', async () => {
    const org = await createTestOrg(t.db);
    const down = await createDovecotMailbox(t.db, org.ctx, a, { email: 'down@example.com', password: 'pw' });
    const other = await createDovecotMailbox(t.db, org.ctx, b, { email: 'up@example.com', password: 'pw' });
    await a.append('down@example.com', 'pw', 'INBOX', [{ raw: buildMessage({ subject: 'waiting' }) }]);
    await b.append('up@example.com', 'pw', 'INBOX', [{ raw: buildMessage({ subject: 'fine' }) }]);

    await a.stop();
    try {
      const outcomes = await syncMailboxes(t.db, [down.id, other.id], { reason: 'cli', concurrency: 2 });
      const byId = new Map(outcomes.map((o) => [o.kind === 'synced' ? o.mailbox.id : o.mailboxId, o]));
      expect(byId.get(down.id)).toMatchObject({
        status: 'error',
        // Before an IMAP greeting, only "could not connect" (issue 8: no port scanning).
        error: expect.stringMatching(/^Could not connect to 127\.0\.0\.1:\d+: no IMAP server answered there/),
      });
      expect(byId.get(other.id)).toMatchObject({ status: 'success' });
      expect((await storedMessages(t.db, other.id)).map((m) => m.subject)).toEqual(['fine']);
      let row = await mailboxRow(t.db, down.id);
      expect(row).toMatchObject({ status: 'error', consecutiveFailures: 1, lastSuccessAt: null });
      expect(row.lastError).toMatch(/no IMAP server answered/);
      expect(minutesFromNow(row.nextSyncAt)).toBe(5);
      // Each failure in a row doubles the wait (5, 10, 20 … minutes, at most 6 hours).
      await sync(down.id);
      row = await mailboxRow(t.db, down.id);
      expect(row.consecutiveFailures).toBe(2);
      expect(minutesFromNow(row.nextSyncAt)).toBe(10);
      // Not retried every minute: only once its backoff has passed.
      expect((await dispatchDueSyncs(t.db)).mailboxIds).not.toContain(down.id);
      const later = new Date(row.nextSyncAt.getTime() + 1000);
      expect((await dispatchDueSyncs(t.db, { now: later })).mailboxIds).toContain(down.id);
    } finally {
      await a.start();
    }
    const recovered = await sync(down.id);
    expect(recovered.status).toBe('success');
    expect(recovered.summary.imported).toBe(1);
    expect(await mailboxRow(t.db, down.id)).toMatchObject({
      status: 'success',
      consecutiveFailures: 0,
      lastError: null,
    });
  });

  it('a folder that does not exist makes the run partial; the other folders are synced', async () => {
    const org = await createTestOrg(t.db);
    const mailbox = await createDovecotMailbox(t.db, org.ctx, a, {
      email: 'folders@example.com',
      password: 'pw',
      folders: ['INBOX', 'Does/Not/Exist'],
    });
    await a.append('folders@example.com', 'pw', 'INBOX', [
      { raw: buildMessage({ subject: 'in the inbox' }) },
    ]);
    const outcome = await sync(mailbox.id);
    expect(outcome.status).toBe('partial');
    expect(outcome.summary.imported).toBe(1);
    expect(outcome.summary.folders[1]!.error).toMatch(/^The folder .*does not exist on the server/);
    expect((await mailboxRow(t.db, mailbox.id)).lastError).toMatch(/^Does\/Not\/Exist: The folder/);
  });

  it('test connection lists the folders or says why it failed', async () => {
    const org = await createTestOrg(t.db);
    await b.addUser('probe@example.com', 'secret');
    await b.append('probe@example.com', 'secret', 'Archive', [{ raw: buildMessage({ subject: 'kept' }) }]);
    const base = {
      host: '127.0.0.1',
      port: b.port,
      security: 'none' as const,
      username: 'probe@example.com',
    };
    const ok = await testConnection({ ...base, password: 'secret' });
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(ok.folders.map((f) => [f.path, f.messages])).toEqual([
      ['INBOX', 0],
      ['Archive', 1],
    ]);
    expect((await testConnection({ ...base, port: 1, password: 'secret' })).error).toMatch(
      /^Could not connect to 127\.0\.0\.1:1: no IMAP server answered there/,
    );
    expect((await testConnection({ ...base, security: 'tls', password: 'secret' })).error).toMatch(
      /^Could not connect to 127\.0\.0\.1:\d+: no IMAP server answered there. Check .*the security setting/,
    );
    // Plain IMAP (password in clear) to another machine is refused before connecting.
    await expect(
      testConnection({ ...base, host: 'imap.example.net', password: 'secret' }),
    ).rejects.toMatchObject({
      status: 400,
      details: [{ path: 'security', message: expect.stringMatching(/^Unencrypted IMAP is only allowed/) }],
    });
    const stored = await createDovecotMailbox(t.db, org.ctx, b, {
      email: 'probe@example.com',
      password: 'secret',
    });
    expect((await testIntegrationConnection(t.db, org.ctx, stored.id)).ok).toBe(true);
    // Last, because Dovecot slows down the next logins from this address after a failure.
    expect(await testConnection({ ...base, password: 'nope' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The server refused the username or password/),
    });
  });

  it('one sync per mailbox at a time, and at most N connections per mail host across processes', async () => {
    const org = await createTestOrg(t.db);
    const mailbox = await createDovecotMailbox(t.db, org.ctx, a, {
      email: 'locks@example.com',
      password: 'pw',
    });
    await a.append(
      'locks@example.com',
      'pw',
      'INBOX',
      Array.from({ length: 20 }, (_, i) => ({ raw: buildMessage({ subject: `m${i}` }) })),
    );
    const outcomes = await Promise.all([
      syncMailbox(t.db, mailbox.id, { reason: 'manual' }),
      syncMailbox(t.db, mailbox.id, { reason: 'cli' }),
    ]);
    expect(outcomes.map((o) => (o.kind === 'skipped' ? o.reason : o.status)).sort()).toEqual([
      'already-running',
      'success',
    ]);
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(20);

    const host = { host: 'IMAP.Example.com' };
    const first = await acquireSyncLocks({ id: crypto.randomUUID(), ...host }, { maxPerHost: 1, waitMs: 0 });
    expect(first.kind).toBe('acquired');
    const second = await acquireSyncLocks(
      { id: crypto.randomUUID(), host: 'imap.example.com' },
      { maxPerHost: 1, waitMs: 300 },
    );
    expect(second.kind).toBe('host-busy');
    const twoSlots = await acquireSyncLocks(
      { id: crypto.randomUUID(), ...host },
      { maxPerHost: 2, waitMs: 0 },
    );
    expect(twoSlots.kind).toBe('acquired');
    if (first.kind === 'acquired') await first.release();
    if (twoSlots.kind === 'acquired') await twoSlots.release();
    const third = await acquireSyncLocks({ id: crypto.randomUUID(), ...host }, { maxPerHost: 1, waitMs: 0 });
    expect(third.kind).toBe('acquired');
    if (third.kind === 'acquired') await third.release();
  });

  it("keeps two organisations' mailboxes apart on the same server", async () => {
    const one = await createTestOrg(t.db, 'One');
    const two = await createTestOrg(t.db, 'Two');
    const m1 = await createDovecotMailbox(t.db, one.ctx, b, { email: 'one@example.com', password: 'pw1' });
    const m2 = await createDovecotMailbox(t.db, two.ctx, b, { email: 'two@example.com', password: 'pw2' });
    // The very same message delivered to both: each organisation gets its own copy.
    const shared = buildMessage({ subject: 'to both', messageId: '<shared@example.org>' });
    await b.append('one@example.com', 'pw1', 'INBOX', [
      { raw: shared },
      { raw: buildMessage({ subject: 'only one' }) },
    ]);
    await b.append('two@example.com', 'pw2', 'INBOX', [{ raw: shared }]);
    await syncMailboxes(t.db, [m1.id, m2.id], { reason: 'cli', concurrency: 2 });

    const listOne = await listMessages(t.db, one.ctx, {});
    const listTwo = await listMessages(t.db, two.ctx, {});
    expect(listOne.messages.map((m) => m.subject).sort()).toEqual(['only one', 'to both']);
    expect(listTwo.messages.map((m) => m.subject)).toEqual(['to both']);
    expect(listTwo.messages[0]!.integrationId).toBe(m2.id);
    // Filtering by the other organisation's mailbox finds nothing.
    expect((await listMessages(t.db, one.ctx, { integrationId: m2.id })).messages).toEqual([]);
    const rows = await t.db
      .select({ orgId: inboxMessages.orgId, mailboxId: inboxMessages.mailboxId })
      .from(inboxMessages);
    for (const r of rows.filter((r) => r.mailboxId === m1.id)) expect(r.orgId).toBe(one.id);
    for (const r of rows.filter((r) => r.mailboxId === m2.id)) expect(r.orgId).toBe(two.id);
  });
});
