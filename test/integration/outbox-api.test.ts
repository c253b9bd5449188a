// The outbox's REST surface without a worker: sender accounts (sealed passwords, presets, verify
// against a real SMTP server), enqueue validation, idempotency, batches, listing, state changes
// and tenant isolation of every endpoint.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as messageAttachment from '@/app/api/v1/messages/[id]/attachments/[attachmentId]/route';
import * as messageCancel from '@/app/api/v1/messages/[id]/cancel/route';
import * as messageRetry from '@/app/api/v1/messages/[id]/retry/route';
import * as messageById from '@/app/api/v1/messages/[id]/route';
import * as messages from '@/app/api/v1/messages/route';
import * as stats from '@/app/api/v1/messages/stats/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as settings from '@/app/api/v1/outbox/settings/route';
import * as senderById from '@/app/api/v1/senders/[id]/route';
import * as senderVerify from '@/app/api/v1/senders/[id]/verify/route';
import * as senders from '@/app/api/v1/senders/route';
import type { AppError } from '@/lib/api/errors';
import { unseal } from '@/lib/crypto/seal';
import { outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { createSender } from '@/lib/outbox/create-sender';
import { callRoute } from '../helpers/call-route';
import { sealedSecretOf } from '../helpers/credentials';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { sinkSenderInput } from '../helpers/outbox';
import { setupSink } from '../helpers/sink-and-worker';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSink({}, (s) => (sink = s));

const post = (handler: typeof messages.POST, org: TestOrg, body: unknown, headers?: Record<string, string>) =>
  callRoute(handler, { method: 'POST', apiKey: org.apiKey, body, headers });

async function addSinkSender(org: TestOrg, overrides = {}) {
  const res = await post(senders.POST, org, sinkSenderInput(sink, overrides));
  expect(res.status).toBe(201);
  return res.json.sender as { id: string };
}

/** How many pending send jobs point at these messages (a job may carry several). */
async function jobCount(messageIds: string[]): Promise<number> {
  const [row] = await t.db.execute<{ n: number }>(sql`
    select count(*)::int as n from pgboss.job j, jsonb_array_elements_text(j.data->'messageIds') as m(id)
    where j.name like 'outbox-send-%' and m.id = any(${sql.param(messageIds)}::text[])
  `);
  return row!.n;
}

describe('sender accounts', () => {
  it('a new organisation starts with a preview account as its default, used when no sender is named', async () => {
    const a = await createTestOrg(t.db);
    const list = await callRoute(senders.GET, { apiKey: a.apiKey });
    expect(list.json.senders).toHaveLength(1);
    expect(list.json.senders[0]).toMatchObject({ kind: 'preview', isDefault: true, hasPassword: false });
    const res = await post(messages.POST, a, { to: 'x@example.test', subject: 'Hi', text: 'Hello' });
    expect(res.status).toBe(202);
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, res.json.message.id));
    expect(row!.senderId).toBe(list.json.senders[0].id);
  });

  it('a preset fills server and limits; the password is sealed and never returned', async () => {
    const a = await createTestOrg(t.db);
    const res = await post(senders.POST, a, {
      name: 'Office 365',
      preset: 'office365',
      fromAddress: 'billing@example.test',
      username: 'billing@example.test',
      password: 'S3cret-Pass!',
    });
    expect(res.status).toBe(201);
    expect(res.json.sender).toMatchObject({
      kind: 'smtp',
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls',
      ratePerMinute: 30,
      ratePerDay: 10000,
      hasPassword: true,
      isDefault: false,
    });
    expect(res.text).not.toContain('S3cret-Pass!');
    expect(res.text).not.toMatch(/passwordSealed|v1\./);
    const [row] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, res.json.sender.id));
    const sealed = await sealedSecretOf(t.db, row!.credentialId);
    expect(sealed).not.toContain('S3cret');
    expect(unseal(sealed)).toBe('S3cret-Pass!');

    const listed = await callRoute(senders.GET, { apiKey: a.apiKey });
    expect(listed.text).not.toContain('S3cret-Pass!');

    // Explicit limits win over the preset's; a new password is sealed again; null removes it.
    const patched = await callRoute(senderById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id: res.json.sender.id },
      body: { ratePerMinute: 5, ratePerDay: null, password: 'other', isDefault: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.sender).toMatchObject({
      ratePerMinute: 5,
      ratePerDay: null,
      hasPassword: true,
      isDefault: true,
    });
    const defaults = await t.db
      .select()
      .from(senderAccounts)
      .where(
        and(
          eq(senderAccounts.orgId, a.id),
          eq(senderAccounts.channel, 'email'),
          eq(senderAccounts.isDefault, true),
        ),
      );
    // One default per channel: the email default moved (the SMS preview account keeps its own).
    expect(defaults.map((d) => d.id)).toEqual([res.json.sender.id]);
    const cleared = await callRoute(senderById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id: res.json.sender.id },
      body: { password: null },
    });
    expect(cleared.json.sender.hasPassword).toBe(false);
  });

  it('refuses incomplete or unsafe accounts, and members may not add one', async () => {
    const a = await createTestOrg(t.db);
    const noHost = await post(senders.POST, a, { name: 'x', fromAddress: 'a@example.test' });
    expect(noHost.status).toBe(400);
    expect(noHost.json.error.details).toEqual([
      { path: 'host', message: 'is required (or choose a preset)' },
    ]);
    const badFrom = await post(senders.POST, a, { name: 'x', preset: 'gmail', fromAddress: 'nope' });
    expect(badFrom.json.error.details[0].path).toBe('fromAddress');
    const crlf = await post(senders.POST, a, {
      name: 'x\r\nBcc: y',
      preset: 'gmail',
      fromAddress: 'a@example.test',
    });
    expect(crlf.json.error.details[0].path).toBe('name');
    await expect(
      createSender(
        t.db,
        { ...a.ctx, role: 'member' },
        { name: 'x', preset: 'gmail', fromAddress: 'a@example.test' },
      ),
    ).rejects.toMatchObject({ status: 403 } satisfies Partial<AppError>);
  });

  it("verify answers with the server's own words", async () => {
    const a = await createTestOrg(t.db);
    const good = await addSinkSender(a);
    const ok = await callRoute(senderVerify.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: good.id },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.ok).toBe(true);
    expect(ok.json.message).toMatch(/upgraded to TLS \(STARTTLS\) and signed in as sink-user/);
    expect(ok.json.message).toMatch(/220 .*235/);

    const wrong = await addSinkSender(a, { password: 'wrong-password' });
    const refused = await callRoute(senderVerify.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: wrong.id },
    });
    expect(refused.json.ok).toBe(false);
    expect(refused.json.message).toContain('The server refused the sign-in: 535');
    expect(refused.json.message).toContain('Username and Password not accepted');
    expect(refused.text).not.toContain('wrong-password');

    const down = await startSmtpSink();
    await down.close();
    const nowhere = await addSinkSender(a, { port: down.port });
    const unreachable = await callRoute(senderVerify.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: nowhere.id },
    });
    expect(unreachable.json.ok).toBe(false);
    expect(unreachable.json.message).toMatch(/Could not connect to .*: no SMTP server answered there/);

    const stored = await callRoute(senderById.GET, { apiKey: a.apiKey, params: { id: wrong.id } });
    expect(stored.json.sender).toMatchObject({ lastVerifyOk: false });
    expect(stored.json.sender.lastVerifyMessage).toContain('535');
  });
});

describe('enqueue', () => {
  it('refuses bad input with the path of each bad field, and stores nothing', async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const bSender = await addSinkSender(b);
    const ok = { to: 'bob@example.test', subject: 'Hi', text: 'Hello' };
    const cases: [unknown, string, number?][] = [
      [{ ...ok, to: 'not-an-address' }, 'to.0.address'],
      [{ ...ok, to: 'Bob <bob@example.test>\r\nBcc: eve@example.test' }, 'to.0.address'],
      [{ ...ok, to: [{ address: 'bob@example.test', name: 'Bob\r\nBcc: eve@example.test' }] }, 'to.0.name'],
      [{ ...ok, cc: ['ok@example.test', 'bad@'] }, 'cc.1.address'],
      [{ ...ok, subject: 'Hi\r\nBcc: eve@example.test' }, 'subject'],
      [{ ...ok, headers: { 'X-Note': 'a\nBcc: eve@example.test' } }, 'headers.X-Note'],
      [{ ...ok, headers: { Bcc: 'eve@example.test' } }, 'headers.Bcc'],
      [{ ...ok, replyTo: 'nobody' }, 'replyTo'],
      [{ ...ok, senderId: '7c2e0f64-4c1c-4c4f-9f3a-2b5d1c9e8a77' }, 'senderId'],
      [{ ...ok, senderId: bSender.id }, 'senderId'],
      [{ ...ok, senderId: 'garbage' }, 'senderId'],
      [{ ...ok, text: '  ' }, 'text'],
      [{ subject: 'Hi', text: 'x' }, 'to'],
      [{ ...ok, sendAt: new Date(Date.now() - 3_600_000).toISOString() }, 'sendAt'],
      [{ ...ok, sendAt: 'tomorrow' }, 'sendAt'],
      [
        { ...ok, sendAt: new Date(Date.now() + 60_000).toISOString(), expiresAt: new Date().toISOString() },
        'expiresAt',
      ],
      [{ ...ok, attachments: [{ filename: 'a.pdf', content: 'not base64!' }] }, 'attachments.0.content'],
      [{ ...ok, attachments: [{ filename: 'a\r\n.pdf', content: 'AAAA' }] }, 'attachments.0.filename'],
      [{ messages: [ok, { ...ok, to: 'broken' }, ok] }, 'messages.1.to.0.address'],
      [{ messages: Array.from({ length: 1001 }, () => ok) }, 'messages'],
      [{ messages: [] }, 'messages'],
    ];
    for (const [body, path] of cases) {
      const res = await post(messages.POST, a, body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.json.error.code).toBe('validation_error');
      expect(
        res.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(res.json.error),
      ).toContain(path);
    }
    const big = Buffer.alloc(26 * 1024 * 1024, 7).toString('base64');
    const oversize = await post(messages.POST, a, {
      ...ok,
      attachments: [{ filename: 'big.bin', content: big }],
    });
    expect(oversize.status).toBe(413);
    expect(oversize.json.error.details[0].path).toBe('attachments');
    const notJson = await post(messages.POST, a, '{"to":');
    expect(notJson.status).toBe(400);

    expect(await t.db.$count(outboxMessages, eq(outboxMessages.orgId, a.id))).toBe(0);
  });

  it('stores a batch of 1,000 with its jobs, in input order', async () => {
    const a = await createTestOrg(t.db);
    const sender = await addSinkSender(a);
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      senderId: sender.id,
      to: [{ address: `r${i}@example.test`, name: `Reader ${i}` }],
      subject: `Letter ${i}`,
      html: `<p>Letter <b>${i}</b></p>`,
    }));
    const res = await post(messages.POST, a, { messages: batch });
    expect(res.status).toBe(202);
    expect(res.json.messages).toHaveLength(1000);
    const rows = await t.db.select().from(outboxMessages).where(eq(outboxMessages.orgId, a.id));
    expect(rows).toHaveLength(1000);
    const byId = new Map(rows.map((r) => [r.id, r]));
    res.json.messages.forEach((m: { id: string; status: string; messageId: string }, i: number) => {
      expect(m.status).toBe('queued');
      expect(byId.get(m.id)!.subject).toBe(`Letter ${i}`);
      expect(byId.get(m.id)!.text).toBe(`Letter ${i}`);
      expect(m.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
    });
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(1000);
    expect(await jobCount(rows.map((r) => r.id))).toBe(1000);
  });

  it('an idempotency key (header or body) returns the first message for 24 hours', async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const body = { to: 'bob@example.test', subject: 'Invoice 42', text: 'Attached.' };
    const first = await post(messages.POST, a, body, { 'Idempotency-Key': 'inv-42' });
    const again = await post(
      messages.POST,
      a,
      { ...body, subject: 'changed' },
      { 'Idempotency-Key': 'inv-42' },
    );
    expect(first.json.message.duplicate).toBe(false);
    // The same key with a different message is a mistake, not a retry (issue 9): 409, nothing stored.
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    const retried = await post(messages.POST, a, body, { 'Idempotency-Key': 'inv-42' });
    expect(retried.status).toBe(202);
    expect(retried.json.message).toMatchObject({ id: first.json.message.id, duplicate: true });
    const inBody = await post(messages.POST, a, { ...body, idempotencyKey: 'inv-42' });
    expect(inBody.json.message.id).toBe(first.json.message.id);
    // Another organisation's key space is its own.
    const other = await post(messages.POST, b, body, { 'Idempotency-Key': 'inv-42' });
    expect(other.json.message.duplicate).toBe(false);

    // Batches: each message gets <key>:<index>; a repeat returns the same ids, nothing new stored.
    const batch = { messages: [body, { ...body, to: 'ann@example.test' }] };
    const b1 = await post(messages.POST, a, batch, { 'Idempotency-Key': 'run-7' });
    const b2 = await post(messages.POST, a, batch, { 'Idempotency-Key': 'run-7' });
    expect(b2.json.messages.map((m: { id: string }) => m.id)).toEqual(
      b1.json.messages.map((m: { id: string }) => m.id),
    );
    expect(b2.json.messages.every((m: { duplicate: boolean }) => m.duplicate)).toBe(true);
    expect(await t.db.$count(outboxMessages, eq(outboxMessages.orgId, a.id))).toBe(3);
    expect(await jobCount([first.json.message.id])).toBe(1);

    // After 24 hours the key makes a new message.
    await t.db
      .update(outboxMessages)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(outboxMessages.id, first.json.message.id));
    const later = await post(messages.POST, a, body, { 'Idempotency-Key': 'inv-42' });
    expect(later.json.message.duplicate).toBe(false);
    expect(later.json.message.id).not.toBe(first.json.message.id);
  });

  it('lists with filters and a cursor, counts by status and day', async () => {
    const a = await createTestOrg(t.db);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (await post(messages.POST, a, { to: `p${i}@example.test`, subject: `Report ${i}`, text: 'x' })).json
          .message,
      );
    }
    await callRoute(messageCancel.POST, { method: 'POST', apiKey: a.apiKey, params: { id: made[1].id } });
    const cancelled = await callRoute(messages.GET, {
      apiKey: a.apiKey,
      path: '/api/v1/messages?status=cancelled',
    });
    expect(cancelled.json.messages.map((m: { id: string }) => m.id)).toEqual([made[1].id]);
    const several = await callRoute(messages.GET, {
      apiKey: a.apiKey,
      path: '/api/v1/messages?status=queued,cancelled',
    });
    expect(several.json.messages).toHaveLength(5);
    const search = await callRoute(messages.GET, {
      apiKey: a.apiKey,
      path: '/api/v1/messages?q=p3%40example',
    });
    expect(search.json.messages.map((m: { subject: string }) => m.subject)).toEqual(['Report 3']);
    const bad = await callRoute(messages.GET, { apiKey: a.apiKey, path: '/api/v1/messages?status=lost' });
    expect(bad.status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof callRoute>> = await callRoute(messages.GET, {
        apiKey: a.apiKey,
        path: `/api/v1/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(page.json.messages.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.messages.map((m: { id: string }) => m.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse().map((m) => m.id));

    const counts = await callRoute(stats.GET, { apiKey: a.apiKey, path: '/api/v1/messages/stats?days=7' });
    expect(counts.json.byStatus).toMatchObject({ queued: 4, cancelled: 1, sent: 0 });
    expect(counts.json.byDay).toHaveLength(7);
    expect(counts.json.byDay[6]).toMatchObject({ date: new Date().toISOString().slice(0, 10), created: 5 });
  });

  it('a scheduled message can be edited and cancelled until it is due; finished ones cannot', async () => {
    const a = await createTestOrg(t.db);
    const sendAt = new Date(Date.now() + 3_600_000);
    const res = await post(messages.POST, a, {
      to: 'bob@example.test',
      subject: 'Later',
      text: 'x',
      sendAt: sendAt.toISOString(),
    });
    expect(res.json.message.status).toBe('scheduled');
    const id = res.json.message.id;
    const detail = await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id } });
    expect(new Date(detail.json.message.expiresAt).getTime()).toBe(sendAt.getTime() + 24 * 3_600_000);

    const newTime = new Date(Date.now() + 7_200_000);
    const edited = await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id },
      body: { subject: 'Later, edited', to: ['ann@example.test'], sendAt: newTime.toISOString() },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.message).toMatchObject({ subject: 'Later, edited', status: 'scheduled' });
    expect(edited.json.message.to).toEqual([{ address: 'ann@example.test' }]);
    expect(await jobCount([id])).toBe(2);
    const badEdit = await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id },
      body: { subject: 'a\nb' },
    });
    expect(badEdit.status).toBe(400);

    const cancel = await callRoute(messageCancel.POST, { method: 'POST', apiKey: a.apiKey, params: { id } });
    expect(cancel.json.message.status).toBe('cancelled');
    const twice = await callRoute(messageCancel.POST, { method: 'POST', apiKey: a.apiKey, params: { id } });
    expect(twice.status).toBe(409);
    const lateEdit = await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      params: { id },
      body: { subject: 'x' },
    });
    expect(lateEdit.status).toBe(409);

    // Retry of a cancelled message: the original stays cancelled, a copy keeps its time (still
    // ahead), not sent a week early.
    const retried = await callRoute(messageRetry.POST, { method: 'POST', apiKey: a.apiKey, params: { id } });
    expect(retried.status).toBe(202);
    expect(retried.json.message).toMatchObject({
      status: 'scheduled',
      retryOf: id,
      subject: 'Later, edited',
      sendAt: newTime.toISOString(),
    });
    expect(retried.json.message.id).not.toBe(id);
    expect((await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id } })).json.message.status).toBe(
      'cancelled',
    );
    // The copy is scheduled, not failed: retrying it is refused (edit its time to send sooner).
    const again = await callRoute(messageRetry.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: retried.json.message.id },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('scheduled');
    // The caller may choose another time for the copy: a bad one is named, null sends it now.
    const badTime = await callRoute(messageRetry.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id },
      body: { sendAt: 'tomorrow' },
    });
    expect(badTime.status).toBe(400);
    expect(badTime.json.error.details[0].path).toBe('sendAt');
    const sooner = await callRoute(messageRetry.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id },
      body: { sendAt: null },
    });
    expect(sooner.status).toBe(202);
    expect(sooner.json.message).toMatchObject({ status: 'queued', retryOf: id });
    // Retry of a queued message: the same message, tried now.
    const queued = await post(messages.POST, a, { to: 'bob@example.test', subject: 'Now', text: 'x' });
    expect(queued.json.message.status).toBe('queued');
    const now = await callRoute(messageRetry.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      params: { id: queued.json.message.id },
    });
    expect(now.status).toBe(202);
    expect(now.json.message.id).toBe(queued.json.message.id);
  });

  it('per-organisation max attempts apply to new messages', async () => {
    const a = await createTestOrg(t.db);
    expect((await callRoute(settings.GET, { apiKey: a.apiKey })).json).toEqual({ maxAttempts: 3 });
    const bad = await callRoute(settings.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      body: { maxAttempts: 0 },
    });
    expect(bad.status).toBe(400);
    const set = await callRoute(settings.PATCH, {
      method: 'PATCH',
      apiKey: a.apiKey,
      body: { maxAttempts: 5 },
    });
    expect(set.json).toEqual({ maxAttempts: 5 });
    const res = await post(messages.POST, a, { to: 'bob@example.test', subject: 'x', text: 'y' });
    expect(
      (await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id: res.json.message.id } })).json
        .message.maxAttempts,
    ).toBe(5);
  });
});

describe('tenancy', () => {
  it("answers 404 for another organisation's messages and senders on every endpoint", async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const aSender = await addSinkSender(a);
    const aMessage = (
      await post(messages.POST, a, {
        senderId: aSender.id,
        to: 'secret@example.test',
        subject: 'A only',
        text: 'x',
        sendAt: new Date(Date.now() + 3_600_000).toISOString(),
        attachments: [{ filename: 'secret.txt', content: Buffer.from('only for A').toString('base64') }],
      })
    ).json.message;
    const aFile = (await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id: aMessage.id } })).json
      .message.attachments[0];
    const download = await callRoute(messageAttachment.GET, {
      apiKey: a.apiKey,
      params: { id: aMessage.id, attachmentId: aFile.id },
    });
    expect(download.status).toBe(200);
    expect(download.text).toBe('only for A');
    expect(download.headers.get('content-disposition')).toContain('secret.txt');

    const asB = { apiKey: b.apiKey };
    const byB = [
      await callRoute(messageById.GET, { ...asB, params: { id: aMessage.id } }),
      await callRoute(messageById.PATCH, {
        ...asB,
        method: 'PATCH',
        params: { id: aMessage.id },
        body: { subject: 'x' },
      }),
      await callRoute(messageCancel.POST, { ...asB, method: 'POST', params: { id: aMessage.id } }),
      await callRoute(messageRetry.POST, { ...asB, method: 'POST', params: { id: aMessage.id } }),
    ];
    for (const res of byB)
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'Message not found.' } });
    const fileByB = await callRoute(messageAttachment.GET, {
      ...asB,
      params: { id: aMessage.id, attachmentId: aFile.id },
    });
    expect(fileByB.status).toBe(404);
    expect(fileByB.text).not.toContain('only for A');
    const sendersByB = [
      await callRoute(senderById.GET, { ...asB, params: { id: aSender.id } }),
      await callRoute(senderById.PATCH, {
        ...asB,
        method: 'PATCH',
        params: { id: aSender.id },
        body: { name: 'x' },
      }),
      await callRoute(senderById.DELETE, { ...asB, method: 'DELETE', params: { id: aSender.id } }),
      await callRoute(senderVerify.POST, { ...asB, method: 'POST', params: { id: aSender.id } }),
    ];
    for (const res of sendersByB) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'Sender account not found.' } });
    }
    const malformed = await callRoute(messageById.GET, { ...asB, params: { id: 'not-a-uuid' } });
    expect(malformed.status).toBe(404);

    const list = await callRoute(messages.GET, asB);
    expect(list.json.messages).toEqual([]);
    const search = await callRoute(messages.GET, { ...asB, path: `/api/v1/messages?q=${aMessage.id}` });
    expect(search.json.messages).toEqual([]);
    const bStats = await callRoute(stats.GET, asB);
    expect(Object.values(bStats.json.byStatus).every((n) => n === 0)).toBe(true);
    const bSenders = await callRoute(senders.GET, asB);
    expect(bSenders.json.senders.map((s: { id: string }) => s.id)).not.toContain(aSender.id);
    const viaForeignSender = await post(messages.POST, b, {
      senderId: aSender.id,
      to: 'x@example.test',
      text: 'x',
    });
    expect(viaForeignSender.status).toBe(400);
    expect(viaForeignSender.json.error.details[0].path).toBe('senderId');
    const bSettings = await callRoute(settings.PATCH, { ...asB, method: 'PATCH', body: { maxAttempts: 9 } });
    expect(bSettings.status).toBe(200);
    expect((await callRoute(settings.GET, { apiKey: a.apiKey })).json.maxAttempts).toBe(3);

    // Nothing of A's changed; and A cannot delete an account with a message still waiting.
    const still = await callRoute(messageById.GET, { apiKey: a.apiKey, params: { id: aMessage.id } });
    expect(still.json.message).toMatchObject({ status: 'scheduled', subject: 'A only' });
    const busy = await callRoute(senderById.DELETE, {
      method: 'DELETE',
      apiKey: a.apiKey,
      params: { id: aSender.id },
    });
    expect(busy.status).toBe(409);
    await callRoute(messageCancel.POST, { method: 'POST', apiKey: a.apiKey, params: { id: aMessage.id } });
    const gone = await callRoute(senderById.DELETE, {
      method: 'DELETE',
      apiKey: a.apiKey,
      params: { id: aSender.id },
    });
    expect(gone.status).toBe(204);
    expect((await callRoute(senderById.GET, { apiKey: a.apiKey, params: { id: aSender.id } })).status).toBe(
      404,
    );
  });

  it('documents every outbox operation in the OpenAPI document', async () => {
    const doc = (await callRoute(openapi.GET)).json;
    for (const [path, method] of [
      ['/api/v1/messages', 'post'],
      ['/api/v1/messages', 'get'],
      ['/api/v1/messages/{id}', 'get'],
      ['/api/v1/messages/{id}', 'patch'],
      ['/api/v1/messages/{id}/cancel', 'post'],
      ['/api/v1/messages/{id}/retry', 'post'],
      ['/api/v1/messages/stats', 'get'],
      ['/api/v1/senders', 'get'],
      ['/api/v1/senders', 'post'],
      ['/api/v1/senders/{id}', 'patch'],
      ['/api/v1/senders/{id}', 'delete'],
      ['/api/v1/senders/{id}/verify', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/v1/messages'].post.parameters.map((p: { name: string }) => p.name)).toContain(
      'Idempotency-Key',
    );
  });
});
