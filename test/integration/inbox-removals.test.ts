// Messages deleted or moved on the server leave the shared inbox, found two ways against a real
// Dovecot: with QRESYNC (Dovecot offers it) the sync asks the server which UIDs vanished since its
// stored MODSEQ and lists no UIDs; on a server without QRESYNC (the same Dovecot advertising its
// capabilities without it) the folder's UIDs are compared, as before. Both give the same result for
// an expunge and a move, and the watched INBOX (IDLE) reflects an expunge within seconds by push.
process.env.LOG_LEVEL ??= 'warn';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { getMessage } from '@/lib/inbox/get-message';
import { listMessages } from '@/lib/inbox/list-messages';
import { startPushSupervisor } from '@/lib/inbox/push-supervisor';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let withQresync: Dovecot;
let withoutQresync: Dovecot;

beforeAll(async () => {
  [withQresync, withoutQresync] = await Promise.all([startDovecot(), startDovecot({ qresync: false })]);
});
afterAll(async () => {
  await Promise.all([destroyDovecot(withQresync), destroyDovecot(withoutQresync)]);
});

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual', limits: { windowDays: 0 } });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome.summary;
}

let n = 0;
async function mailboxWithMail(dovecot: Dovecot) {
  const org = await createTestOrg(t.db);
  const user = { email: `removals${++n}@example.com`, password: 'removals-pw' };
  const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
    ...user,
    folders: ['INBOX', 'Archive'],
  });
  await dovecot.append(
    user.email,
    user.password,
    'INBOX',
    ['Keep', 'Delete me', 'Move me', 'Also keep'].map((subject) => ({ raw: buildMessage({ subject }) })),
  );
  await dovecot.append(user.email, user.password, 'Archive', [
    { raw: buildMessage({ subject: 'Archived' }) },
  ]);
  const first = await sync(mailbox.id);
  expect(first).toMatchObject({ imported: 5, removed: 0 });
  const stored = await storedMessages(t.db, mailbox.id);
  const bySubject = (s: string) => stored.find((m) => m.subject === s)!;
  const listedSubjects = async () =>
    (await listMessages(t.db, org.ctx, { integrationId: mailbox.id, limit: 50 })).messages
      .map((m) => m.subject)
      .sort();
  return { org, user, mailbox, bySubject, listedSubjects };
}

describe.each([
  { server: 'with QRESYNC', dovecot: () => withQresync, check: 'qresync' },
  { server: 'without QRESYNC', dovecot: () => withoutQresync, check: 'uid-comparison' },
])('deletions and moves on a server $server', ({ dovecot, check }) => {
  it(`are found by ${check}: an expunge leaves the inbox, a move follows the message`, async () => {
    const { org, user, mailbox, bySubject, listedSubjects } = await mailboxWithMail(dovecot());
    const deleted = bySubject('Delete me');
    const moved = bySubject('Move me');

    const client = await dovecot().client(user.email, user.password);
    try {
      await client.mailboxOpen('INBOX');
      await client.messageDelete({ uid: String(deleted.uid) }, { uid: true });
      await client.messageMove({ uid: String(moved.uid) }, 'Archive', { uid: true });
    } finally {
      await client.logout();
    }

    const summary = await sync(mailbox.id);
    const inbox = summary.folders.find((f) => f.folder === 'INBOX')!;
    expect(inbox).toMatchObject({ removed: 2, removalCheck: check, imported: 0 });
    // The moved message is the one already stored, found again in Archive (not imported twice).
    expect(summary.folders.find((f) => f.folder === 'Archive')).toMatchObject({ imported: 0, duplicates: 1 });
    expect(await listedSubjects()).toEqual(['Also keep', 'Archived', 'Keep', 'Move me']);
    const gone = await getMessage(t.db, org.ctx, deleted.id);
    expect(gone.removedAt).not.toBeNull();
    expect(gone.locations.every((l) => l.goneAt !== null)).toBe(true);
    const there = await getMessage(t.db, org.ctx, moved.id);
    expect(there.removedAt).toBeNull();
    expect(there.folder).toBe('Archive');
    expect(there.locations.map((l) => [l.folder, l.goneAt === null])).toEqual([
      ['INBOX', false],
      ['Archive', true],
    ]);

    // Synced again: nothing more is removed, nothing comes back.
    const again = await sync(mailbox.id);
    expect(again).toMatchObject({ imported: 0, removed: 0 });
    expect(await listedSubjects()).toEqual(['Also keep', 'Archived', 'Keep', 'Move me']);

    // A message expunged from Archive after a run that changed nothing there: found the same way.
    const client2 = await dovecot().client(user.email, user.password);
    try {
      await client2.mailboxOpen('Archive');
      const uids = await client2.search({ header: { subject: 'Archived' } }, { uid: true });
      await client2.messageDelete({ uid: String((uids || [])[0]) }, { uid: true });
    } finally {
      await client2.logout();
    }
    const third = await sync(mailbox.id);
    expect(third.folders.find((f) => f.folder === 'Archive')).toMatchObject({
      removed: 1,
      removalCheck: check,
    });
    expect(await listedSubjects()).toEqual(['Also keep', 'Keep', 'Move me']);
  });
});

describe('push', () => {
  it('an expunge in the watched INBOX leaves the shared inbox without waiting for the interval', async () => {
    const { user, mailbox, bySubject, listedSubjects } = await mailboxWithMail(withQresync);
    // Nothing scheduled: only the IDLE connection can bring the change in.
    await t.db
      .update(inboxMailboxes)
      .set({ nextSyncAt: new Date(Date.now() + 86_400_000) })
      .where(eq(inboxMailboxes.id, mailbox.id));
    const push = startPushSupervisor(t.db, { holder: 'removals-test', leaseMs: 3000 });
    try {
      await waitFor(
        async () => {
          const [row] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailbox.id));
          return row?.lastRun?.reason === 'push';
        },
        { what: 'the mailbox to be watched', timeoutMs: 30_000 },
      );
      const client = await withQresync.client(user.email, user.password);
      try {
        await client.mailboxOpen('INBOX');
        await client.messageDelete({ uid: String(bySubject('Delete me').uid) }, { uid: true });
      } finally {
        await client.logout();
      }
      await waitFor(async () => !(await listedSubjects()).includes('Delete me'), {
        what: 'the expunged message to leave the inbox',
        timeoutMs: 30_000,
      });
      // Only push ran (nothing was scheduled).
      const [row] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailbox.id));
      expect(row?.lastRun).toMatchObject({ reason: 'push' });
    } finally {
      await push.stop();
    }
  });
});
