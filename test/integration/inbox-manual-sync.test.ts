// "Sync now" on a failing mailbox (a wrong password, against a real Dovecot) through the real path:
// the request enqueues a manual sync job, a worker runs it. Each failure is shown on the mailbox,
// but only scheduled runs back off: ten failed clicks leave the next automatic sync where it was.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSync } from '@/lib/inbox/request-sync';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { inboxSyncJob } from '@/worker/jobs/inbox-sync';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { createDovecotMailbox, mailboxRow } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let dovecot: Dovecot;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await worker?.stop();
  await destroyDovecot(dovecot);
});

const minutesFromNow = (d: Date) => Math.round((d.getTime() - Date.now()) / 60_000);

describe('Sync now on a failing mailbox', () => {
  it('shows each failure but does not lengthen the automatic backoff; scheduled runs still back off', async () => {
    const org = await createTestOrg(t.db);
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      email: 'clicks@example.com',
      password: 'right',
    });
    // The password changes on the server: every sync from now on is refused.
    await dovecot.addUser('clicks@example.com', 'changed');

    const scheduled = await syncMailbox(t.db, mailbox.id, { reason: 'schedule' });
    expect(scheduled).toMatchObject({ kind: 'synced', status: 'error' });
    const afterSchedule = await mailboxRow(t.db, mailbox.id);
    expect(afterSchedule.consecutiveFailures).toBe(1);
    expect(minutesFromNow(afterSchedule.nextSyncAt)).toBe(5);

    worker = await runWorker([inboxSyncJob]);
    for (let click = 1; click <= 10; click++) {
      const before = (await mailboxRow(t.db, mailbox.id)).lastSyncAt!;
      const request = await requestSync(t.db, org.ctx, mailbox.id);
      expect(request.joined).toBe(false);
      await waitFor(
        async () => {
          const [job] = await t.db.execute<{ state: string }>(
            sql`select state from pgboss.job where id = ${request.jobId}`,
          );
          return job?.state === 'completed';
        },
        { what: `manual sync ${click} to finish` },
      );
      const row = await mailboxRow(t.db, mailbox.id);
      // The user sees this click's result…
      expect(row.lastSyncAt!.getTime()).toBeGreaterThan(before.getTime());
      expect(row.status).toBe('error');
      expect(row.lastError).toMatch(/refused the username or password/);
      expect(row.lastRun?.reason).toBe('manual');
      // …and the schedule is untouched.
      expect(row.consecutiveFailures).toBe(1);
      expect(row.nextSyncAt.getTime()).toBe(afterSchedule.nextSyncAt.getTime());
    }

    // The next scheduled failure backs off from where the schedule was: the second in a row.
    await syncMailbox(t.db, mailbox.id, { reason: 'schedule' });
    const row = await mailboxRow(t.db, mailbox.id);
    expect(row.consecutiveFailures).toBe(2);
    expect(minutesFromNow(row.nextSyncAt)).toBe(10);

    // A Sync now that succeeds clears the backoff.
    await dovecot.addUser('clicks@example.com', 'right');
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
    expect(await mailboxRow(t.db, mailbox.id)).toMatchObject({ status: 'success', consecutiveFailures: 0 });
  });
});
