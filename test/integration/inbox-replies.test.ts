// Reply, reply all and forward from the shared inbox against real Dovecot and the SMTP sink: the
// right recipients, Re:/Fwd:, In-Reply-To and References, the quoted original (text, and its HTML
// sanitised), a forward's attachments; sent through the outbox (origin `reply`) from the sender
// account linked to the mailbox; shown in the conversation at once with its outbox status, and
// recognised by its Message-ID (not shown twice) once the Sent folder is synced.
process.env.LOG_LEVEL ??= 'warn';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as forwardRoute from '@/app/api/v1/inbox/messages/[id]/forward/route';
import * as replyRoute from '@/app/api/v1/inbox/messages/[id]/reply/route';
import { outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { listMessages } from '@/lib/inbox/list-messages';
import { listThreadReplies } from '@/lib/inbox/list-thread-replies';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { getSenderBoss } from '@/lib/jobs/boss';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;
let sink: SmtpSink;

beforeAll(async () => {
  [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink({ auth: false, tls: false })]);
});
afterAll(async () => {
  await sink?.close();
  await destroyDovecot(dovecot);
});

const plain = { security: 'none' as const, username: undefined, password: undefined };
let n = 0;

async function setup() {
  const org = await createTestOrg(t.db);
  const user = { email: `team${++n}@example.com`, password: 'team-pw' };
  const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, { ...user, folders: ['INBOX', 'Sent'] });
  const client = await dovecot.client(user.email, user.password);
  await client.mailboxCreate('Sent').catch(() => {});
  await client.logout();
  const original = buildMessage({
    subject: 'Question about invoice 42',
    from: 'Alice Martin <alice@client.example>',
    to: `${user.email}, Bob <bob@client.example>`,
    text: 'Hello,\nwhy is it 42?',
    html: '<p>Hello,<br>why is it <b>42</b>?</p><script>alert(1)</script>',
    attachments: [
      { filename: 'invoice-42.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 fake') },
    ],
    messageId: `<q42-${n}@client.example>`,
    references: ['<root@client.example>'],
  }).replace(/^(To: .*)$/m, '$1\r\nCc: Carol <carol@client.example>');
  await dovecot.append(user.email, user.password, 'INBOX', [{ raw: original }]);
  await sync(mailbox.id);
  const [stored] = await storedMessages(t.db, mailbox.id);
  return { org, user, mailbox, stored: stored! };
}

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual' });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome.summary;
}

async function sendAll() {
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 20_000 });
}

async function received(messageId: string) {
  const raw = sink.received.find((r) => r.messageId === messageId);
  if (!raw) throw new Error(`the sink has no ${messageId}`);
  return { raw, parsed: await sink.parse(raw) };
}

describe('reply and forward from the shared inbox', () => {
  it('replies to the sender, threaded and quoted, from the sender account of the mailbox’s address', async () => {
    const { org, user, stored } = await setup();
    const sender = await createSinkSender(t.db, org.ctx, sink, { ...plain, fromAddress: user.email });
    const res = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { text: 'Because of the VAT.' },
    });
    expect(res.status).toBe(202);
    expect(res.json.message).toMatchObject({
      status: 'queued',
      subject: 'Re: Question about invoice 42',
      to: [{ address: 'alice@client.example', name: 'Alice Martin' }],
      cc: [],
      senderId: sender.id,
    });
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, res.json.message.id));
    expect({ kind: row!.originKind, id: row!.originId }).toEqual({ kind: 'reply', id: stored.id });
    await sendAll();
    const { raw, parsed } = await received(res.json.message.messageId);
    expect(raw.to).toEqual(['alice@client.example']);
    expect(parsed.inReplyTo).toBe(stored.messageId);
    expect(parsed.references).toEqual(['<root@client.example>', stored.messageId]);
    expect(parsed.from?.value[0]?.address).toBe(user.email);
    expect(parsed.text).toMatch(
      /^Because of the VAT\.\n\nOn .* Alice Martin <alice@client\.example> wrote:\n> Hello,\n> why is it 42\?/,
    );
    expect(parsed.html).toContain('<blockquote');
    expect(parsed.html).toContain('<b>42</b>');
    expect(parsed.html).not.toContain('<script');
    expect(parsed.attachments).toHaveLength(0);
  });

  it('reply all: the sender in To, every other recipient in Cc, never the mailbox itself; French quote line', async () => {
    const { org, user, stored } = await setup();
    await createSinkSender(t.db, org.ctx, sink, { ...plain, fromAddress: user.email });
    const res = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { all: true, text: 'Voir ci-dessous.', locale: 'fr' },
    });
    expect(res.status).toBe(202);
    expect(res.json.message.to).toEqual([{ address: 'alice@client.example', name: 'Alice Martin' }]);
    expect(res.json.message.cc).toEqual([
      { address: 'bob@client.example', name: 'Bob' },
      { address: 'carol@client.example', name: 'Carol' },
    ]);
    await sendAll();
    const { raw, parsed } = await received(res.json.message.messageId);
    expect(raw.to.sort()).toEqual(['alice@client.example', 'bob@client.example', 'carol@client.example']);
    expect(parsed.text).toMatch(/Le .* Alice Martin <alice@client\.example> a écrit\u202f:/);
  });

  it('forwards with the attachments and Fwd:, from the sender account linked to the mailbox', async () => {
    const { org, mailbox, stored } = await setup();
    // Two accounts; the mailbox names the second: that is the one used.
    await createSinkSender(t.db, org.ctx, sink, {
      ...plain,
      fromAddress: 'default@example.com',
      isDefault: true,
    });
    const linked = await createSinkSender(t.db, org.ctx, sink, {
      ...plain,
      fromAddress: 'billing@example.com',
    });
    await updateIntegration(t.db, org.ctx, mailbox.id, { senderId: linked.id });
    const res = await callRoute(forwardRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { to: ['accounting@example.net'], text: 'FYI' },
    });
    expect(res.status).toBe(202);
    expect(res.json.message).toMatchObject({
      subject: 'Fwd: Question about invoice 42',
      senderId: linked.id,
    });
    await sendAll();
    const { parsed } = await received(res.json.message.messageId);
    expect(parsed.from?.value[0]?.address).toBe('billing@example.com');
    expect(parsed.references).toEqual(['<root@client.example>', stored.messageId]);
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['invoice-42.pdf', '%PDF-1.4 fake'],
    ]);
    expect(parsed.text).toContain('---------- Forwarded message ----------');
    expect(parsed.text).toContain('From: Alice Martin <alice@client.example>');

    // Someone else's sender account cannot be linked; a forward needs a recipient.
    const other = await createTestOrg(t.db);
    const foreign = await createSinkSender(t.db, other.ctx, sink, plain);
    await expect(
      updateIntegration(t.db, org.ctx, mailbox.id, { senderId: foreign.id }),
    ).rejects.toMatchObject({
      status: 400,
    });
    const noTo = await callRoute(forwardRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { text: 'x' },
    });
    expect(noTo.status).toBe(400);
    expect(noTo.json.error.details[0].path).toBe('to');
    // Another organisation's message: 404.
    const notOurs = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: other.apiKey,
      params: { id: stored.id },
      body: { text: 'x' },
    });
    expect(notOurs.status).toBe(404);
  });

  it('shows the reply in the conversation at once, then recognises the Sent folder’s copy instead of showing it twice', async () => {
    const { org, user, mailbox, stored } = await setup();
    await createSinkSender(t.db, org.ctx, sink, { ...plain, fromAddress: user.email });
    const res = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { text: 'On it.' },
    });
    const thread = async () =>
      (await listMessages(t.db, org.ctx, { threadKey: stored.threadKey, limit: 200 })).messages;
    let replies = await listThreadReplies(t.db, org.ctx, await thread());
    expect(replies).toMatchObject([
      { id: res.json.message.id, status: 'queued', inReplyToId: stored.id, storedAs: null },
    ]);
    await sendAll();
    replies = await listThreadReplies(t.db, org.ctx, await thread());
    expect(replies).toMatchObject([{ status: 'sent', storedAs: null }]);

    // The mail client (or the provider) keeps a copy in Sent; the next sync stores it in the thread.
    const { raw } = await received(res.json.message.messageId);
    await dovecot.append(user.email, user.password, 'Sent', [{ raw: raw.raw }]);
    await sync(mailbox.id);
    const messages = await thread();
    expect(messages).toHaveLength(2);
    const copy = messages.find((m) => m.messageId === res.json.message.messageId)!;
    expect(copy.folder).toBe('Sent');
    replies = await listThreadReplies(t.db, org.ctx, messages);
    expect(replies).toMatchObject([{ status: 'sent', storedAs: copy.id }]);
  });

  it('falls back to the organisation’s default account, and says so when there is none', async () => {
    const { org, stored } = await setup();
    const [preview] = await t.db
      .select()
      .from(senderAccounts)
      .where(and(eq(senderAccounts.orgId, org.id), eq(senderAccounts.isDefault, true)));
    const fallback = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { text: 'x' },
    });
    expect(fallback.json.message.senderId).toBe(preview!.id);
    await t.db.update(senderAccounts).set({ isDefault: false }).where(eq(senderAccounts.orgId, org.id));
    const res = await callRoute(replyRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: stored.id },
      body: { text: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/no sender account to reply from/);
  });
});
