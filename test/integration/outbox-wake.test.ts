// A message queued ready to send wakes the worker when its transaction commits (pg-boss NOTIFY on
// the send queues, LISTEN in the worker) instead of waiting for the worker's next poll. The poll
// interval here is 30 s, so a message received well before it can only have been woken.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '30';
process.env.LOG_LEVEL ??= 'warn';

import { describe, expect, it } from 'vitest';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({ auth: false, tls: false }, (s) => (sink = s));

describe('the worker woken at commit', () => {
  it('sends a single message and a bulk batch queued after it started, without waiting for its poll', async () => {
    const org = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, org.ctx, sink, {
      security: 'none',
      username: undefined,
      password: undefined,
    });
    // Give the worker's first fetches (made as it started) time to come back empty and sleep.
    await new Promise((r) => setTimeout(r, 2_000));
    await enqueueMessage(t.db, org.ctx, { senderId: sender.id, to: 'single@wake.example', text: 'x' });
    await enqueueMessage(
      t.db,
      org.ctx,
      Array.from({ length: 20 }, (_, i) => ({ senderId: sender.id, to: `bulk${i}@wake.example`, text: 'x' })),
    );
    // Within 20 s, well inside the 30 s poll: only the NOTIFY can have started them.
    const received = await waitFor(
      () => {
        const n = sink.received.filter((m) => m.to.some((to) => to.endsWith('@wake.example'))).length;
        return n === 21 ? n : null;
      },
      { what: 'the 21 messages at the SMTP server', timeoutMs: 20_000 },
    );
    expect(received).toBe(21);
  });
});
