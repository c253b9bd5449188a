// The worker against a real SMTP server (smtp-server with STARTTLS and AUTH): what arrives, and
// what happens on every kind of answer — 4xx, 503, 5xx, daily quota, dropped connection, server
// down — plus scheduling, cancelling, bulk/transactional separation, rate limits, recovery of a
// message a dead worker left in `sending`, retention and the preview mailbox.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.MAILROOM_RETRY_BASE_SECONDS = '0.3';
process.env.MAILROOM_RETRY_MAX_SECONDS = '2';
process.env.MAILROOM_SEND_LEASE_SECONDS = '4';
process.env.MAILROOM_UNREACHABLE_PAUSE_MIN_SECONDS = '0.5';
process.env.MAILROOM_UNREACHABLE_PAUSE_MAX_SECONDS = '2';

import crypto from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as messageCancel from '@/app/api/v1/messages/[id]/cancel/route';
import * as messageRetry from '@/app/api/v1/messages/[id]/retry/route';
import * as messageById from '@/app/api/v1/messages/[id]/route';
import * as messages from '@/app/api/v1/messages/route';
import * as settings from '@/app/api/v1/outbox/settings/route';
import * as senderById from '@/app/api/v1/senders/[id]/route';
import {
  messageAttachments,
  messageAttempts,
  type OutboxMessage,
  outboxMessages,
  senderAccounts,
} from '@/lib/db/schema/outbox';
import { previewMessages } from '@/lib/db/schema/preview';
import { getSenderBoss } from '@/lib/jobs/boss';
import { deleteOldMessages } from '@/lib/outbox/delete-old-messages';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { recoverStaleMessages } from '@/lib/outbox/recover-stale-messages';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSinkAndWorker } from '../helpers/sink-and-worker';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSinkAndWorker({}, (s) => (sink = s));

const unique = (name: string) => `${name}-${crypto.randomBytes(3).toString('hex')}@example.test`;
const receivedBy = (address: string) => sink.received.filter((m) => m.to.includes(address));

async function send(org: TestOrg, body: Record<string, unknown>) {
  const res = await callRoute(messages.POST, { method: 'POST', apiKey: org.apiKey, body });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return res.json.message as { id: string; messageId: string; status: string };
}

async function row(id: string): Promise<OutboxMessage> {
  const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return m!;
}

function settled(
  id: string,
  statuses: string[] = ['sent', 'failed', 'cancelled', 'expired'],
  timeoutMs = 20_000,
) {
  return waitFor(
    async () => {
      const m = await row(id);
      return statuses.includes(m.status) ? m : null;
    },
    { timeoutMs, what: `message ${id} to reach ${statuses.join('/')}` },
  );
}

async function attemptsOf(id: string) {
  return t.db
    .select()
    .from(messageAttempts)
    .where(eq(messageAttempts.messageId, id))
    .orderBy(asc(messageAttempts.number));
}

describe('delivery', () => {
  it('delivers what was enqueued — headers, bodies, attachments, envelope — over STARTTLS with AUTH', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink, { replyTo: 'replies@example.test' });
    const to1 = unique('ann');
    const to2 = unique('bob');
    const cc = unique('carol');
    const bcc = unique('dave');
    const pdf = crypto.randomBytes(200_000);
    const png = crypto.randomBytes(2_000);
    const sent = await send(a, {
      senderId: sender.id,
      to: [{ address: to1, name: 'Ann Example' }, `Bob <${to2}>`],
      cc,
      bcc,
      subject: 'Facture n° 42 — été',
      text: 'Bonjour,\nvoici la facture.',
      html: '<p>Bonjour,</p><p>voici la <b>facture</b>.</p><img src="cid:logo@mailroom">',
      headers: { 'X-Campaign': 'spring-2026', 'List-Unsubscribe': '<mailto:stop@example.test>' },
      attachments: [
        { filename: 'facture-42.pdf', content: pdf.toString('base64') },
        { filename: 'logo.png', content: png.toString('base64'), contentId: 'logo@mailroom' },
      ],
    });
    const done = await settled(sent.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    const [got] = receivedBy(to1);
    expect(got).toBeDefined();
    expect(got!.secure).toBe(true);
    expect(got!.user).toBe('sink-user');
    expect(got!.to.sort()).toEqual([to1, to2, cc, bcc].sort());
    expect(got!.from).toBe('office@example.test');
    const mail = await sink.parse(got!);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe('Facture n° 42 — été');
    expect(mail.from?.value).toEqual([{ address: 'office@example.test', name: 'The Office' }]);
    expect(mail.replyTo?.text).toBe('replies@example.test');
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((v) => v.address) : []).toEqual([cc]);
    expect(mail.bcc).toBeUndefined();
    expect(got!.raw.toString()).not.toContain(bcc);
    expect(mail.text?.trim()).toBe('Bonjour,\nvoici la facture.');
    expect(mail.html).toContain('voici la <b>facture</b>');
    expect(mail.headers.get('x-campaign')).toBe('spring-2026');
    const file = (name: string) => mail.attachments.find((f) => f.filename === name)!;
    expect(mail.attachments).toHaveLength(2);
    expect(file('facture-42.pdf')).toMatchObject({ contentType: 'application/pdf' });
    expect(file('logo.png')).toMatchObject({ contentType: 'image/png', cid: 'logo@mailroom' });
    expect(Buffer.compare(file('facture-42.pdf').content, pdf)).toBe(0);
    expect(Buffer.compare(file('logo.png').content, png)).toBe(0);

    expect(done.providerMessageId).toBe(got!.queueId);
    const detail = await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id: sent.id } });
    expect(detail.json.attempts).toEqual([
      expect.objectContaining({
        number: 1,
        outcome: 'sent',
        smtpCode: 250,
        response: `250 OK queued as ${got!.queueId}`,
        error: null,
        providerMessageId: got!.queueId,
      }),
    ]);
    expect(detail.json.message.attachments.map((f: { size: number }) => f.size)).toEqual([200_000, 2_000]);
  });

  it('retries a 4xx with backoff until it goes through, with the same Message-ID', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const to = unique('later');
    sink.rules.set(to, { reply: '451 4.3.0 Mailbox temporarily unavailable, try again later', times: 2 });
    const sent = await send(a, { senderId: sender.id, to, subject: 'Persistence', text: 'x' });
    const done = await settled(sent.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    const attempts = await attemptsOf(sent.id);
    expect(attempts.map((x) => [x.outcome, x.smtpCode])).toEqual([
      ['temporary_failure', 451],
      ['temporary_failure', 451],
      ['sent', 250],
    ]);
    expect(attempts[0]!.error).toBe(
      'The server asked to try again later: 451 4.3.0 Mailbox temporarily unavailable, try again later',
    );
    // Backoff grows: the second wait is longer than the first (0.3 s, then 0.6 s, ±25 %).
    const gap = (i: number) => attempts[i + 1]!.startedAt.getTime() - attempts[i]!.finishedAt!.getTime();
    expect(gap(0)).toBeGreaterThanOrEqual(200);
    const delivered = receivedBy(to);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(sent.messageId);

    // 503 is not permanent: retried too.
    const seq = unique('seq');
    sink.rules.set(seq, { reply: '503 5.5.1 Bad sequence of commands', times: 1 });
    const second = await send(a, { senderId: sender.id, to: seq, subject: 'Sequence', text: 'x' });
    expect((await settled(second.id)).status).toBe('sent');
    expect((await attemptsOf(second.id)).map((x) => x.outcome)).toEqual(['temporary_failure', 'sent']);
  });

  it("gives up on a temporary failure after the organisation's attempts, keeping the last answer", async () => {
    const a = await createTestOrg(t.db);
    await callRoute(settings.PATCH, { method: 'PATCH', apiKey: a.apiKey, body: { maxAttempts: 2 } });
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const to = unique('busy');
    sink.rules.set(to, { reply: '452 4.2.2 Mailbox full' });
    const sent = await send(a, { senderId: sender.id, to, subject: 'Never', text: 'x' });
    const done = await settled(sent.id);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(2);
    expect(done.lastError).toBe(
      'Gave up after 2 attempts: The server asked to try again later: 452 4.2.2 Mailbox full',
    );
    expect((await attemptsOf(sent.id)).map((x) => x.outcome)).toEqual([
      'temporary_failure',
      'temporary_failure',
    ]);
    expect(receivedBy(to)).toHaveLength(0);
    sink.rules.delete(to);
  });

  it("fails a permanent refusal at once with the server's answer", async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const to = unique('nobody');
    sink.rules.set(to, { reply: '550 5.1.1 The email account that you tried to reach does not exist' });
    const sent = await send(a, { senderId: sender.id, to, subject: 'Bounce', text: 'x' });
    const done = await settled(sent.id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1 });
    expect(done.lastError).toBe(
      'The server refused the recipient: 550 5.1.1 The email account that you tried to reach does not exist',
    );
    const [attempt] = await attemptsOf(sent.id);
    expect(attempt).toMatchObject({ outcome: 'permanent_failure', smtpCode: 550 });

    // Refused at the end of DATA (content rejected) is permanent too.
    const spam = unique('spam');
    sink.rules.set(spam, { reply: '554 5.7.1 Message rejected as spam', at: 'data' });
    const second = await send(a, { senderId: sender.id, to: spam, subject: 'Spam?', text: 'x' });
    const failed = await settled(second.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toBe('The server refused the message: 554 5.7.1 Message rejected as spam');
  });

  it('pauses the account until tomorrow on a daily-quota answer instead of failing its messages', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const first = unique('quota');
    sink.rules.set(first, { reply: '550 5.4.5 Daily user sending quota exceeded.' });
    const m1 = await send(a, { senderId: sender.id, to: first, subject: 'Q1', text: 'x' });
    const paused = await waitFor(async () => {
      const [s] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, sender.id));
      return s?.pausedUntil ? s : null;
    });
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect(paused.pausedUntil!.getTime()).toBe(tomorrow.getTime());
    expect(paused.pauseReason).toContain('550 5.4.5 Daily user sending quota exceeded');

    const after1 = await waitFor(async () => {
      const m = await row(m1.id);
      return m.status === 'queued' ? m : null;
    });
    expect(after1.attempts).toBe(0);
    expect(after1.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(tomorrow.getTime());
    expect((await attemptsOf(m1.id)).map((x) => x.outcome)).toEqual(['quota_exceeded']);

    // Later messages of the paused account wait as well, untried.
    const second = unique('waiting');
    const m2 = await send(a, { senderId: sender.id, to: second, subject: 'Q2', text: 'x' });
    const after2 = await waitFor(async () => {
      const m = await row(m2.id);
      return m.nextAttemptAt ? m : null;
    });
    expect(after2.status).toBe('queued');
    expect(after2.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(tomorrow.getTime());
    expect(await attemptsOf(m2.id)).toEqual([]);
    expect(receivedBy(second)).toHaveLength(0);

    // Resumed by hand: both go out now.
    sink.rules.delete(first);
    const resumed = await callRoute(senderById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id: sender.id },
      body: { pausedUntil: null },
    });
    expect(resumed.json.sender.pausedUntil).toBeNull();
    for (const m of [m1, m2])
      await callRoute(messageRetry.POST, { method: 'POST', apiKey: a.apiKey, params: { id: m.id } });
    expect((await settled(m1.id)).status).toBe('sent');
    expect((await settled(m2.id)).status).toBe('sent');
  });

  it('retries after a dropped connection and while the server is down', async () => {
    const a = await createTestOrg(t.db);
    await callRoute(settings.PATCH, { method: 'PATCH', apiKey: a.apiKey, body: { maxAttempts: 10 } });
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const to = unique('drop');
    sink.rules.set(to, { drop: true, times: 1 });
    const dropped = await send(a, { senderId: sender.id, to, subject: 'Dropped', text: 'x' });
    expect((await settled(dropped.id)).status).toBe('sent');
    const attempts = await attemptsOf(dropped.id);
    expect(attempts[0]!.outcome).toBe('temporary_failure');
    expect(attempts[0]!.error).toMatch(/connection to the server was lost|closed/i);
    expect(attempts.at(-1)!.outcome).toBe('sent');

    const other = await startSmtpSink();
    const downSender = await createSinkSender(t.db, a.ctx, other, {
      password: other.pass,
      username: other.user,
    });
    await other.down();
    const waiting = await send(a, {
      senderId: downSender.id,
      to: unique('patient'),
      subject: 'Down',
      text: 'x',
    });
    await waitFor(async () =>
      (await row(waiting.id)).lastError?.includes('connection refused') ? true : null,
    );
    expect((await row(waiting.id)).status).not.toBe('failed');
    await other.up();
    const done = await settled(waiting.id);
    expect(done.status).toBe('sent');
    expect(other.received).toHaveLength(1);
    expect(other.received[0]!.messageId).toBe(waiting.messageId);
    await other.close();
  });

  it('sends a scheduled message at sendAt; a cancelled or edited one never goes out as it was', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const sendAt = new Date(Date.now() + 2_000);
    const onTime = unique('ontime');
    const cancelled = unique('cancelled');
    const edited = unique('edited');
    const m1 = await send(a, { senderId: sender.id, to: onTime, subject: 'On time', text: 'x', sendAt });
    const m2 = await send(a, { senderId: sender.id, to: cancelled, subject: 'Cancelled', text: 'x', sendAt });
    const m3 = await send(a, { senderId: sender.id, to: edited, subject: 'Draft', text: 'x', sendAt });
    expect([m1.status, m2.status, m3.status]).toEqual(['scheduled', 'scheduled', 'scheduled']);
    const cancel = await callRoute(messageCancel.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: m2.id },
    });
    expect(cancel.json.message.status).toBe('cancelled');
    await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id: m3.id },
      body: { subject: 'Final' },
    });

    const done = await settled(m1.id);
    expect(done.status).toBe('sent');
    expect(done.sentAt!.getTime()).toBeGreaterThanOrEqual(sendAt.getTime() - 1_000);
    const final = await settled(m3.id);
    expect(final.status).toBe('sent');
    expect((await sink.parse(receivedBy(edited)[0]!)).subject).toBe('Final');
    expect((await row(m2.id)).status).toBe('cancelled');
    expect(receivedBy(cancelled)).toHaveLength(0);
  });

  it('a single message does not wait behind a bulk run', async () => {
    const a = await createTestOrg(t.db);
    // Four connections, two on each sending thread: the held bulk email below takes one, and a
    // thread's messages go one after another on its connections. With two (one a thread), the
    // held email stops its whole thread, and a message sent round-robin to that thread waits for
    // it — whenever the held one's job happens to be fetched first (jobs of one insert come in
    // any order), the single message had even odds of waiting out its 20 s.
    const sender = await createSinkSender(t.db, a.ctx, sink, { maxConnections: 4 });
    const runId = crypto.randomUUID();
    const bulkTo = Array.from({ length: 300 }, (_, i) => `bulk-${i}-${runId.slice(0, 6)}@example.test`);
    sink.delayMs = 15;
    // One bulk email is held at the server until the single message has gone: the run cannot have
    // finished first, whatever the machine's speed.
    let releaseBulk!: () => void;
    sink.rules.set(bulkTo.at(-1)!, { holdUntil: new Promise<void>((r) => (releaseBulk = r)), times: 1 });
    try {
      await enqueueMessage(
        t.db,
        a.ctx,
        bulkTo.map((to, i) => ({ senderId: sender.id, to, subject: `Bulk ${i}`, text: 'x' })),
        { queue: 'bulk', origin: { kind: 'invoice-run', id: runId } },
      );
      const bulkReceived = () =>
        sink.received.filter((m) => m.to[0]!.startsWith('bulk-') && m.to[0]!.includes(runId.slice(0, 6)))
          .length;
      await waitFor(() => bulkReceived() > 0);
      const single = unique('urgent');
      const m = await send(a, { senderId: sender.id, to: single, subject: 'Password reset', text: 'x' });
      await settled(m.id);
      expect(bulkReceived()).toBeLessThan(300);
      releaseBulk();
      const rows = await waitFor(
        async () => {
          const all = await t.db.select().from(outboxMessages).where(eq(outboxMessages.originId, runId));
          return all.every((r) => r.status === 'sent') ? all : null;
        },
        { timeoutMs: 30_000, what: 'the bulk run to be sent' },
      );
      expect(rows.map((r) => r.queue)).toEqual(Array(300).fill('bulk'));
      expect(bulkReceived()).toBe(300);
    } finally {
      releaseBulk();
      sink.delayMs = 0;
    }
  });

  it('settles each message as its answer comes, not when the whole batch is done', async () => {
    const a = await createTestOrg(t.db);
    // Four connections: with two sending threads, each has a free one beside the held message.
    const sender = await createSinkSender(t.db, a.ctx, sink, { maxConnections: 4 });
    const slow = unique('slow');
    let release!: () => void;
    sink.rules.set(slow, { holdUntil: new Promise<void>((r) => (release = r)), times: 1 });
    const quick = Array.from({ length: 4 }, (_, i) => unique(`quick-${i}`));
    // One enqueue call: the five messages travel in one job and are claimed as one batch.
    const enqueued = await enqueueMessage(
      t.db,
      a.ctx,
      [slow, ...quick].map((to) => ({ senderId: sender.id, to, subject: 'Batch', text: 'x' })),
    );
    const ids = (Array.isArray(enqueued) ? enqueued : [enqueued]).map((m) => m.id);
    const statusOf = async (id: string) => (await row(id)).status;
    try {
      // The four quick ones are recorded as sent while the slow one is still on the wire.
      await waitFor(
        async () =>
          (await Promise.all(ids.slice(1).map(statusOf))).every((s) => s === 'sent') ? true : null,
        { timeoutMs: 20_000, what: 'the quick messages to be settled' },
      );
      expect(await statusOf(ids[0]!)).toBe('sending');
    } finally {
      release();
    }
    await settled(ids[0]!);
    expect(await statusOf(ids[0]!)).toBe('sent');
  });

  it('holds an account to its per-minute limit', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink, { ratePerMinute: 3 });
    const to = Array.from({ length: 5 }, () => unique('limited'));
    const sent = await enqueueMessage(
      t.db,
      a.ctx,
      to.map((address) => ({ senderId: sender.id, to: address, subject: 'Limited', text: 'x' })),
    );
    const waiting = await waitFor(async () => {
      const rows = await t.db
        .select()
        .from(outboxMessages)
        .where(
          inArray(
            outboxMessages.id,
            sent.map((s) => s.id),
          ),
        );
      const deferred = rows.filter((r) => r.status === 'queued' && r.nextAttemptAt);
      return rows.filter((r) => r.status === 'sent').length === 3 && deferred.length === 2 ? deferred : null;
    });
    for (const w of waiting) expect(w.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(to.flatMap((address) => receivedBy(address))).toHaveLength(3);
  });

  it('recovers a message a dead worker left in sending, with the same Message-ID', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink);
    const to = unique('orphan');
    // As a worker that died mid-send leaves it: sending, an open attempt, a lease in the past.
    const [m] = await enqueueMessage(t.db, a.ctx, [
      { senderId: sender.id, to, subject: 'Orphan', text: 'x', sendAt: new Date(Date.now() + 3_600_000) },
    ]);
    await t.db
      .update(outboxMessages)
      .set({
        status: 'sending',
        attempts: 1,
        lockedBy: 'dead-worker',
        lockedUntil: sql`now() - interval '1 minute'`,
        sendAt: sql`now()`,
      })
      .where(eq(outboxMessages.id, m!.id));
    await t.db
      .insert(messageAttempts)
      .values({ messageId: m!.id, orgId: a.id, senderId: sender.id, number: 1, workerId: 'dead-worker' });

    const summary = await recoverStaleMessages(t.db, { boss: await getSenderBoss() });
    expect(summary.recovered).toBeGreaterThanOrEqual(1);
    const done = await settled(m!.id);
    expect(done.status).toBe('sent');
    expect(receivedBy(to).map((r) => r.messageId)).toEqual([m!.messageId]);
    const attempts = await attemptsOf(m!.id);
    expect(attempts.map((x) => x.outcome)).toEqual(['interrupted', 'sent']);
    expect(attempts[0]!.error).toContain('same Message-ID');
  });

  it('lands in the organisation preview mailbox when the account is the preview one', async () => {
    const a = await createTestOrg(t.db);
    const m = await send(a, { to: 'someone@example.test', subject: 'Preview me', html: '<h1>Hello</h1>' });
    const done = await settled(m.id);
    expect(done.status).toBe('sent');
    const [captured] = await t.db.select().from(previewMessages).where(eq(previewMessages.orgId, a.id));
    expect(captured).toMatchObject({
      subject: 'Preview me',
      messageId: m.messageId,
      to: ['someone@example.test'],
    });
    expect(done.providerMessageId).toBe(captured!.id);
    expect(captured!.raw.toString()).toContain('Hello');
  });
});

describe('retention', () => {
  it('deletes finished messages older than the retention with their attachments, never waiting ones', async () => {
    const a = await createTestOrg(t.db);
    const made = await enqueueMessage(
      t.db,
      a.ctx,
      ['sent', 'failed', 'cancelled', 'expired', 'queued', 'scheduled', 'sent'].map((status) => ({
        to: 'x@example.test',
        subject: status,
        text: 'x',
        sendAt: new Date(Date.now() + 3_600_000),
        attachments: [{ filename: 'a.txt', content: Buffer.from(status).toString('base64') }],
      })),
    );
    const statuses = ['sent', 'failed', 'cancelled', 'expired', 'queued', 'scheduled', 'sent'] as const;
    for (const [i, m] of made.entries()) {
      const old = i < 6;
      await t.db
        .update(outboxMessages)
        .set({
          status: statuses[i]!,
          createdAt: sql`now() - interval '40 days'`,
          finishedAt: ['queued', 'scheduled'].includes(statuses[i]!)
            ? null
            : old
              ? sql`now() - interval '31 days'`
              : sql`now() - interval '29 days'`,
        })
        .where(eq(outboxMessages.id, m.id));
    }
    const deleted = await deleteOldMessages(t.db, { days: 30 });
    expect(deleted).toBeGreaterThanOrEqual(4);
    const left = await t.db.select().from(outboxMessages).where(eq(outboxMessages.orgId, a.id));
    expect(left.map((r) => r.subject).sort()).toEqual(['queued', 'scheduled', 'sent']);
    const files = await t.db.select().from(messageAttachments).where(eq(messageAttachments.orgId, a.id));
    expect(files).toHaveLength(3);
  });
});
