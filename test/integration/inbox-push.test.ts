// New mail in seconds: real worker processes (`tsx worker/index.ts`) watch INBOX with IMAP IDLE on a
// real Dovecot. A message APPENDed there is stored without any sync being requested; of two workers
// exactly one holds the mailbox's IDLE lease, and when it is killed the other takes over; turning
// push off for the mailbox lets the lease go.
import { type ChildProcess, spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboxMailboxes, inboxPushLeases } from '@/lib/db/schema/inbox';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let dovecot: Dovecot;
const running = new Set<ChildProcess>();
const workerPids = new Set<number>();

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterEach(async () => {
  for (const c of running) c.kill('SIGTERM');
});
afterAll(async () => {
  for (const c of running) c.kill('SIGKILL');
  for (const pid of workerPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  await destroyDovecot(dovecot);
});

async function startWorker(): Promise<{ child: ChildProcess; pid: number; workerId: string }> {
  const known = new Set(
    (await t.db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
  );
  const child = spawn('node_modules/.bin/tsx', ['worker/index.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      LOG_LEVEL: 'warn',
      INBOX_PUSH_LEASE_SECONDS: '3',
      INBOX_MAX_CONNECTIONS_PER_HOST: '8',
      WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const beat = await waitFor(
    async () => (await t.db.select().from(workerHeartbeats)).find((r) => !known.has(r.workerId)),
    { what: 'the worker to start', timeoutMs: 60_000 },
  );
  workerPids.add(beat.pid);
  return { child, pid: beat.pid, workerId: beat.workerId };
}

async function leaseOf(mailboxId: string) {
  const [row] = await t.db.select().from(inboxPushLeases).where(eq(inboxPushLeases.mailboxId, mailboxId));
  return row;
}

async function waitForSubject(mailboxId: string, subject: string) {
  return waitFor(async () => (await storedMessages(t.db, mailboxId)).find((m) => m.subject === subject), {
    what: `"${subject}" to be stored`,
    timeoutMs: 20_000,
  });
}

describe('inbox push (IMAP IDLE)', () => {
  it('stores new mail without a sync being requested, with exactly one IDLE holder that another worker replaces when it dies', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'push@example.com', password: 'push-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, { ...user, intervalMinutes: 1440 });
    // No scheduled sync for a day: only push can bring the mail in.
    await t.db
      .update(inboxMailboxes)
      .set({ nextSyncAt: new Date(Date.now() + 86_400_000) })
      .where(eq(inboxMailboxes.id, mailbox.id));

    const a = await startWorker();
    await waitFor(async () => (await leaseOf(mailbox.id))?.holder === a.workerId, {
      what: 'worker A to hold the lease',
    });
    // The watcher's catch-up run when IDLE starts.
    await waitFor(
      async () => {
        const [row] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailbox.id));
        return row?.lastRun?.reason === 'push';
      },
      { what: 'the first push run' },
    );

    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'pushed 1' }) },
    ]);
    await waitForSubject(mailbox.id, 'pushed 1');
    const [afterFirst] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailbox.id));
    expect(afterFirst!.lastRun?.reason).toBe('push');

    // A second worker: the lease stays with A (renewed, not shared).
    const b = await startWorker();
    await new Promise((r) => setTimeout(r, 4000));
    expect((await leaseOf(mailbox.id))?.holder).toBe(a.workerId);

    // A dies without a word: B takes over once A's lease has expired, and push keeps working.
    process.kill(a.pid, 'SIGKILL');
    await waitFor(async () => (await leaseOf(mailbox.id))?.holder === b.workerId, {
      what: 'worker B to take the lease over',
      timeoutMs: 20_000,
    });
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'pushed 2' }) },
    ]);
    await waitForSubject(mailbox.id, 'pushed 2');
    expect(await storedMessages(t.db, mailbox.id)).toHaveLength(2);

    // Push off for this mailbox: the lease is let go.
    await updateIntegration(t.db, org.ctx, mailbox.id, { push: false });
    await waitFor(async () => (await leaseOf(mailbox.id)) === undefined, { what: 'the lease to be let go' });
  });
});
