// The worker's side of scheduled messages: a message scheduled a moment ahead is woken by its own
// job (no call from the test), expanded and sent by the real worker, and its run completes.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.LOG_LEVEL ??= 'warn';

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createBroadcast } from '@/lib/broadcasts/create-broadcast';
import { broadcasts } from '@/lib/db/schema/broadcasts';
import { contacts } from '@/lib/db/schema/contacts';
import { runs } from '@/lib/db/schema/progress';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({ auth: false, tls: false }, (s) => (sink = s));

describe('the worker', () => {
  it('wakes a scheduled message at its time, expands it and sends it', async () => {
    const org = await createTestOrg(t.db);
    await createSinkSender(t.db, org.ctx, sink, {
      security: 'none',
      username: undefined,
      password: undefined,
      isDefault: true,
    });
    const [c] = await t.db
      .insert(contacts)
      .values({ orgId: org.id, firstName: 'Wes', email: 'wes@worker.example' })
      .returning();
    const b = await createBroadcast(t.db, org.ctx, {
      channels: ['email'],
      contactIds: [c!.id],
      subject: 'Soon',
      content: 'Hello {firstName}',
      scheduledAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(b.status).toBe('scheduled');
    const done = await waitFor(
      async () => {
        const [row] = await t.db.select().from(broadcasts).where(eq(broadcasts.id, b.id));
        return row?.status === 'sent' ? row : null;
      },
      { what: 'the message to be sent', timeoutMs: 60_000 },
    );
    expect(sink.received.filter((m) => m.to.includes('wes@worker.example'))).toHaveLength(1);
    const [run] = await t.db.select().from(runs).where(eq(runs.id, done.runId!));
    expect(run).toMatchObject({ kind: 'broadcast', status: 'completed', total: 1, succeeded: 1 });
  });
});
