// IDLE slots are few per mail server (INBOX_MAX_CONNECTIONS_PER_HOST keeps one free for syncs), and
// they go to the oldest mailboxes first. A mailbox whose server keeps refusing its connection gives
// its slot back for a while, so a live mailbox on the same host gets push instead of waiting for
// its interval sync behind a dead one.
process.env.LOG_LEVEL ??= 'warn';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxMailboxes, inboxPushLeases } from '@/lib/db/schema/inbox';
import { startPushSupervisor } from '@/lib/inbox/push-supervisor';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { freePort } from '../helpers/free-port';
import { buildMessage, createDovecotMailbox, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await destroyDovecot(dovecot);
});

describe('inbox push slots', () => {
  it('a mailbox whose server refuses its IDLE connection leaves the slot to a live one on that host', async () => {
    const org = await createTestOrg(t.db);
    // No scheduled sync for a day: only push can bring the mail in.
    const dead = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      email: 'gone@example.com',
      password: 'gone-pw',
      intervalMinutes: 1440,
    });
    const live = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      email: 'live@example.com',
      password: 'live-pw',
      intervalMinutes: 1440,
    });
    // The older mailbox's server goes away (same host, a port nobody listens on).
    await t.db
      .update(inboxMailboxes)
      .set({ port: await freePort() })
      .where(eq(inboxMailboxes.id, dead.id));

    // One IDLE slot for the host (maxPerHost 2 keeps one for syncs): the older mailbox takes it first.
    const supervisor = startPushSupervisor(t.db, {
      holder: 'test-worker',
      leaseMs: 1500,
      maxPerHost: 2,
      restMs: 60_000,
    });
    try {
      const first = await waitFor(
        async () => {
          const ids = (await t.db.select().from(inboxPushLeases)).map((l) => l.mailboxId);
          return ids.length ? ids : null;
        },
        { what: 'a push lease' },
      );
      expect(first).toEqual([dead.id]);

      // After its failed connections it rests, and the live mailbox is watched: new mail arrives.
      await waitFor(
        async () => {
          const ids = (await t.db.select().from(inboxPushLeases)).map((l) => l.mailboxId);
          return ids.includes(live.id) ? ids : null;
        },
        { what: 'the live mailbox to hold the IDLE slot', timeoutMs: 30_000 },
      );
      expect((await t.db.select().from(inboxPushLeases)).map((l) => l.mailboxId)).toEqual([live.id]);
      await dovecot.append('live@example.com', 'live-pw', 'INBOX', [
        { raw: buildMessage({ subject: 'Pushed past a dead server', to: 'live@example.com' }) },
      ]);
      await waitFor(
        async () =>
          (await storedMessages(t.db, live.id)).find((m) => m.subject === 'Pushed past a dead server'),
        { what: 'the pushed message to be stored', timeoutMs: 20_000 },
      );
    } finally {
      await supervisor.stop();
    }
  });
});
