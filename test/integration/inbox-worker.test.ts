// The inbox jobs in a running worker (the same runWorker as `npm run worker`): a requested sync,
// the dispatcher picking up a due mailbox, and a read/unread change written back to Dovecot.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as integrationSync from '@/app/api/v1/inbox/integrations/[id]/sync/route';
import * as messageById from '@/app/api/v1/inbox/messages/[id]/route';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { enqueue } from '@/lib/jobs/enqueue';
import { inboxDispatchQueue } from '@/lib/jobs/queues';
import type { WorkerJob } from '@/worker/job';
import { inboxDispatchJob } from '@/worker/jobs/inbox-dispatch';
import { inboxFlagJob } from '@/worker/jobs/inbox-flag';
import { inboxSyncJob } from '@/worker/jobs/inbox-sync';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, mailboxRow, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let dovecot: Dovecot;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  dovecot = await startDovecot();
  worker = await runWorker([inboxDispatchJob, inboxSyncJob, inboxFlagJob] as WorkerJob[]);
});
afterAll(async () => {
  await worker?.stop();
  await destroyDovecot(dovecot);
});

describe('inbox jobs in the worker', () => {
  it('syncs on request and when due, and writes read state back to the server', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'worker@example.com', password: 'worker-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'first' }) },
      { raw: buildMessage({ subject: 'second' }) },
    ]);

    const requested = await callRoute(integrationSync.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: mailbox.id },
    });
    expect(requested.status).toBe(202);
    await waitFor(async () => (await mailboxRow(t.db, mailbox.id)).lastSyncAt, {
      what: 'the requested sync',
    });
    expect(await mailboxRow(t.db, mailbox.id)).toMatchObject({ status: 'success', messageCount: 2 });

    // New mail, and the mailbox's interval has passed: the every-minute dispatcher enqueues it.
    await dovecot.append(user.email, user.password, 'INBOX', [{ raw: buildMessage({ subject: 'third' }) }]);
    await t.db
      .update(inboxMailboxes)
      .set({ nextSyncAt: new Date(Date.now() - 1000) })
      .where(eq(inboxMailboxes.id, mailbox.id));
    await enqueue(inboxDispatchQueue, {});
    await waitFor(async () => (await mailboxRow(t.db, mailbox.id)).messageCount === 3, {
      what: 'the dispatched sync',
    });
    const row = await mailboxRow(t.db, mailbox.id);
    expect(row.lastRun).toMatchObject({ reason: 'schedule', imported: 1 });
    expect(row.nextSyncAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);

    // Read in Mailroom → \Seen on the server, so every other mail client sees it too.
    const second = (await storedMessages(t.db, mailbox.id)).find((m) => m.subject === 'second')!;
    await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: second.id },
      body: { seen: true },
    });
    const client = await dovecot.client(user.email, user.password);
    try {
      await waitFor(
        async () => {
          await client.mailboxOpen('INBOX', { readOnly: true });
          const msg = await client.fetchOne(String(second.uid), { flags: true }, { uid: true });
          return msg ? msg.flags?.has('\\Seen') : false;
        },
        { what: '\\Seen on the server' },
      );
    } finally {
      await client.logout();
    }
    // The next sync sees the server agree: no change, no flip back.
    await callRoute(integrationSync.POST, { method: 'POST', apiKey: org.apiKey, params: { id: mailbox.id } });
    await waitFor(async () => (await mailboxRow(t.db, mailbox.id)).lastRun?.reason === 'manual', {
      what: 'the second requested sync',
    });
    const after = await storedMessages(t.db, mailbox.id);
    expect(after.map((m) => [m.subject, m.seen])).toEqual([
      ['first', false],
      ['second', true],
      ['third', false],
    ]);
  });
});
