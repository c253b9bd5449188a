// A mail server that goes away says nothing about the messages: with the sink stopped for longer
// than three attempts' backoff, the account is paused (unreachable since …, next try …), no message
// fails and none spends an attempt; once the sink is back every message arrives exactly once.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.MAILROOM_RETRY_BASE_SECONDS = '0.3';
process.env.MAILROOM_RETRY_MAX_SECONDS = '1';
process.env.MAILROOM_SEND_LEASE_SECONDS = '4';
process.env.MAILROOM_UNREACHABLE_PAUSE_MIN_SECONDS = '0.5';
process.env.MAILROOM_UNREACHABLE_PAUSE_MAX_SECONDS = '2';

import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as messages from '@/app/api/v1/messages/route';
import * as settings from '@/app/api/v1/outbox/settings/route';
import * as senderById from '@/app/api/v1/senders/[id]/route';
import { messageAttempts, outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({}, (s) => (sink = s));

describe('mail server outage', () => {
  it('pauses the account, spends no attempt, fails nothing, and delivers everything once it is back', async () => {
    const org = await createTestOrg(t.db);
    await callRoute(settings.PATCH, { method: 'PATCH', apiKey: org.apiKey, body: { maxAttempts: 3 } });
    const sender = await createSinkSender(t.db, org.ctx, sink);
    await sink.down();

    const ids: string[] = [];
    const messageIds = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const to = `outage-${i}-${crypto.randomBytes(3).toString('hex')}@example.test`;
      const res = await callRoute(messages.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: { senderId: sender.id, to, subject: `Outage ${i}`, text: 'x' },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(202);
      ids.push(res.json.message.id);
      messageIds.set(res.json.message.messageId, to);
    }

    const since = await waitFor(
      async () => {
        const [s] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, sender.id));
        return s?.unreachableSince ?? null;
      },
      { what: 'the account to be marked unreachable' },
    );
    const shown = await callRoute(senderById.GET, { apiKey: org.apiKey, params: { id: sender.id } });
    expect(shown.json.sender.unreachableSince).toBeTruthy();
    expect(shown.json.sender.pauseReason).toMatch(/connection refused/);

    // Three attempts' backoff is 0.3 + 0.6 + 1 s; the sink stays down for several pauses more.
    const tries = new Set<string>();
    const downUntil = Date.now() + 8_000;
    while (Date.now() < downUntil) {
      const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
      for (const r of rows) {
        expect(r.status, r.lastError ?? '').not.toBe('failed');
        if (r.lastError) tries.add(r.id);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // A message being tried right now is `sending`, its attempt counted until the try is settled
    // (and given back when the server was unreachable); the paused account is tried again every
    // 0.5–2 s, so the rows are read between two tries.
    const waiting = await waitFor(
      async () => {
        const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
        return rows.some((r) => r.status === 'sending') ? null : rows;
      },
      { what: 'no message of the paused account to be in a try' },
    );
    expect(waiting.filter((r) => r.status === 'failed')).toEqual([]);
    expect(waiting.map((r) => r.attempts)).toEqual(ids.map(() => 0));
    // Each waits up to its expiry (24 h after it was enqueued by default), no longer.
    for (const r of waiting.filter((r) => r.expiresAt))
      expect(r.expiresAt!.getTime() - r.createdAt.getTime()).toBe(24 * 3_600_000);
    expect(tries.size).toBeGreaterThan(0);
    const [account] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, sender.id));
    expect(account!.unreachableSince!.getTime()).toBe(since.getTime());
    expect(account!.pausedUntil!.getTime()).toBeGreaterThan(since.getTime());

    await sink.up();
    await waitFor(
      async () => {
        const rows = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
        return rows.every((r) => r.status === 'sent') ? rows : null;
      },
      { timeoutMs: 30_000, what: 'every message to be sent after the outage' },
    );
    const received = sink.received.filter((m) => messageIds.has(m.messageId));
    expect(received).toHaveLength(ids.length);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(ids.length);
    // Only the attempt that went through is on record, and it is the first one counted.
    const attempts = await t.db.select().from(messageAttempts).where(inArray(messageAttempts.messageId, ids));
    expect(attempts.map((a) => a.outcome)).toEqual(ids.map(() => 'sent'));
    const sent = await t.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(sent.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    const [back] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, sender.id));
    expect(back!.unreachableSince).toBeNull();
  });
});
