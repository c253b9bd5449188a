// Bounces and automatic replies arriving in a connected mailbox (real Dovecot): the shared
// fixture's real Amazon SES report, and bounces made by a local relay that accepts a message and
// then bounces it back (RFC 3464 as Postfix writes it, qmail and Exim free text, a soft delay).
// A bounce of one of our messages becomes its `bounced-hard`/`bounced-soft` event, reaches its
// origin (an invoice run marks the invoice), and a hard bounce suppresses the address: the next
// message to it is not sent and says why. Auto-replies are labelled, never taken for bounces.
process.env.LOG_LEVEL ??= 'warn';

import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as messageRoute from '@/app/api/v1/messages/[id]/route';
import * as messagesRoute from '@/app/api/v1/messages/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import * as suppressionRoute from '@/app/api/v1/suppressions/[id]/route';
import * as suppressionsRoute from '@/app/api/v1/suppressions/route';
import { invoiceDeliveries, invoices } from '@/lib/db/schema/invoices';
import { deliveryEvents, outboxMessages } from '@/lib/db/schema/outbox';
import { suppressedAddresses } from '@/lib/db/schema/suppressions';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { getSenderBoss } from '@/lib/jobs/boss';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { type BouncingRelay, startBouncingRelay } from '../helpers/bouncing-relay';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, FIXTURES_DIR, storedMessages } from '../helpers/inbox';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;
const relays: BouncingRelay[] = [];

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await destroyDovecot(dovecot);
});

let n = 0;
/** An org whose sender goes through a bouncing relay and whose connected mailbox gets the bounces. */
async function setup() {
  const org = await createTestOrg(t.db);
  const user = { email: `office${++n}@example.test`, password: 'office-pw' };
  const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
  const relay = await startBouncingRelay(dovecot, user);
  relays.push(relay);
  const sender = await createSinkSender(t.db, org.ctx, { ...relay, user: '', pass: '' } as never, {
    security: 'none',
    username: undefined,
    password: undefined,
    fromAddress: user.email,
  });
  return { org, user, mailbox, relay, sender };
}

async function sendAll(relay: BouncingRelay) {
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 20_000 });
  await relay.settled();
}

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual' });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome.summary;
}

async function eventsOf(messageId: string) {
  return t.db
    .select({
      kind: deliveryEvents.kind,
      recipient: deliveryEvents.recipient,
      detail: deliveryEvents.detail,
      source: deliveryEvents.source,
    })
    .from(deliveryEvents)
    .where(eq(deliveryEvents.messageId, messageId));
}

describe('bounces read from a connected mailbox', () => {
  it('reads the real Amazon SES report: a hard bounce, its diagnostic and the returned Message-ID', async () => {
    const { org, user, mailbox, sender } = await setup();
    const real = fs.readFileSync(path.join(FIXTURES_DIR, 'delivery-status.eml'), 'utf8');
    // First as it is: a bounce of a message that is not ours is labelled and nothing else.
    await dovecot.append(user.email, user.password, 'INBOX', [{ raw: real }]);
    await sync(mailbox.id);
    const [stored] = await storedMessages(t.db, mailbox.id);
    expect(stored).toMatchObject({
      automatic: 'bounce',
      bounce: {
        originalMessageId: '<xxxxx@email.amazonses.com>',
        outboxMessageId: null,
        recipients: [
          {
            address: 'xxxx@xxxx.com',
            hard: true,
            status: '5.1.1',
            diagnostic: expect.stringMatching(/^Amazon SES did not send the message to this address/),
          },
        ],
      },
    });

    // Then the same report about a message we sent: matched by its Message-ID.
    const sent = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'xxxx@xxxx.com',
      subject: 'Example Subject',
      text: 'Hi',
    });
    await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 10, maxRuntimeMs: 20_000 });
    const ours = real.replaceAll('<xxxxx@email.amazonses.com>', sent.messageId);
    await dovecot.append(user.email, user.password, 'INBOX', [{ raw: ours }]);
    await sync(mailbox.id);
    expect(await eventsOf(sent.id)).toEqual([
      {
        kind: 'bounced-hard',
        recipient: 'xxxx@xxxx.com',
        detail: expect.stringMatching(/^5\.1\.1 Amazon SES did not send the message/),
        source: 'inbox',
      },
    ]);
    const [entry] = await t.db
      .select()
      .from(suppressedAddresses)
      .where(eq(suppressedAddresses.orgId, org.id));
    expect(entry).toMatchObject({
      address: 'xxxx@xxxx.com',
      reason: 'hard-bounce',
      source: 'inbox',
      messageId: sent.id,
    });
    // Synced again: the same bounce is not recorded twice.
    await sync(mailbox.id);
    expect(await eventsOf(sent.id)).toHaveLength(1);
  });

  it('turns a relay’s bounces into events (RFC 3464, qmail, Exim; hard and soft) and suppresses hard-bounced addresses', async () => {
    const { org, mailbox, relay, sender } = await setup();
    relay.rules.set('gone@client.example', {
      format: 'rfc3464',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown',
    });
    relay.rules.set('full@client.example', {
      format: 'rfc3464',
      status: '4.2.2',
      diagnostic: '452 4.2.2 Mailbox full',
    });
    relay.rules.set('old@qmail.example', {
      format: 'qmail',
      status: '5.1.1',
      diagnostic: '550 5.1.1 Sorry, no mailbox here by that name.',
    });
    relay.rules.set('left@exim.example', {
      format: 'exim',
      status: '5.1.1',
      diagnostic: '550 5.1.1 The email account that you tried to reach does not exist.',
    });
    const recipients = [
      'gone@client.example',
      'full@client.example',
      'old@qmail.example',
      'left@exim.example',
    ];
    const made = await enqueueMessage(
      t.db,
      org.ctx,
      [...recipients, 'fine@client.example'].map((to) => ({
        senderId: sender.id,
        to,
        subject: `Hello ${to}`,
        text: 'Hello',
      })),
    );
    await sendAll(relay);
    const summary = await sync(mailbox.id);
    expect(summary.imported).toBe(4);

    const byTo = new Map(made.map((m, i) => [[...recipients, 'fine@client.example'][i]!, m.id]));
    expect(await eventsOf(byTo.get('gone@client.example')!)).toMatchObject([
      {
        kind: 'bounced-hard',
        recipient: 'gone@client.example',
        detail: expect.stringContaining('User unknown'),
      },
    ]);
    expect(await eventsOf(byTo.get('full@client.example')!)).toMatchObject([
      { kind: 'bounced-soft', recipient: 'full@client.example', detail: '4.2.2 452 4.2.2 Mailbox full' },
    ]);
    expect(await eventsOf(byTo.get('old@qmail.example')!)).toMatchObject([
      {
        kind: 'bounced-hard',
        recipient: 'old@qmail.example',
        detail: expect.stringContaining('no mailbox here'),
      },
    ]);
    expect(await eventsOf(byTo.get('left@exim.example')!)).toMatchObject([
      {
        kind: 'bounced-hard',
        recipient: 'left@exim.example',
        detail: expect.stringContaining('does not exist'),
      },
    ]);
    expect(await eventsOf(byTo.get('fine@client.example')!)).toEqual([]);
    // The outbox status stays what happened at sending; the events say what happened after.
    const [row] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, byTo.get('gone@client.example')!));
    expect(row!.status).toBe('sent');

    // The REST list: the three hard bounces, not the soft one.
    const list = await callRoute(suppressionsRoute.GET, { method: 'GET', apiKey: org.apiKey });
    expect(list.status).toBe(200);
    expect(list.json.suppressions.map((s: { address: string }) => s.address).sort()).toEqual([
      'gone@client.example',
      'left@exim.example',
      'old@qmail.example',
    ]);
    expect(list.json.suppressions[0]).toMatchObject({ reason: 'hard-bounce', source: 'inbox' });

    // The message page (REST) shows the event.
    const detail = await callRoute(messageRoute.GET, {
      method: 'GET',
      apiKey: org.apiKey,
      params: { id: byTo.get('gone@client.example')! },
    });
    expect(detail.json.events).toMatchObject([
      { kind: 'bounced-hard', recipient: 'gone@client.example', source: 'inbox' },
    ]);
  });

  it('a later message to a suppressed address is not sent and says why, until the entry is removed', async () => {
    const { org, relay, sender } = await setup();
    const added = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { address: 'Blocked@Client.example', detail: 'asked us to stop' },
    });
    expect(added.status).toBe(201);
    expect(added.json.suppression).toMatchObject({
      address: 'blocked@client.example',
      reason: 'manual',
      source: 'api',
      detail: 'asked us to stop',
    });

    // Only recipient suppressed: failed at once, never handed to the relay.
    const only = await callRoute(messagesRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { senderId: sender.id, to: 'blocked@client.example', subject: 'Hi', text: 'x' },
    });
    expect(only.status).toBe(202);
    // The answer says why at once; the GET adds the per-recipient detail.
    expect(only.json.message).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: every recipient is on the suppression list (blocked@client.example: manual)',
    });
    // One of two: sent to the other, the suppressed one named with its reason.
    const mixed = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: ['blocked@client.example', 'ok@client.example'],
      subject: 'Hi both',
      text: 'x',
    });
    await sendAll(relay);
    const shown = await callRoute(messageRoute.GET, {
      method: 'GET',
      apiKey: org.apiKey,
      params: { id: only.json.message.id },
    });
    expect(shown.json.message).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: every recipient is on the suppression list (blocked@client.example: manual)',
      suppressed: [{ address: 'blocked@client.example', reason: 'manual', detail: 'asked us to stop' }],
      attempts: 0,
    });
    const [mixedRow] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, mixed.id));
    expect(mixedRow).toMatchObject({
      status: 'sent',
      to: [{ address: 'ok@client.example' }],
      suppressed: [{ address: 'blocked@client.example', reason: 'manual' }],
    });

    // Added twice: the first entry stays (200, not a second row).
    const again = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { address: 'blocked@client.example' },
    });
    expect(again.status).toBe(200);
    expect(again.json.suppression.id).toBe(added.json.suppression.id);

    const removed = await callRoute(suppressionRoute.DELETE, {
      method: 'DELETE',
      apiKey: org.apiKey,
      params: { id: added.json.suppression.id },
    });
    expect(removed.status).toBe(204);
    const after = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'blocked@client.example',
      subject: 'Hi again',
      text: 'x',
    });
    expect(after.status).toBe('queued');

    // Another organisation's entry is not found; a bad address is a 400 with its path.
    const other = await createTestOrg(t.db);
    const foreign = await callRoute(suppressionRoute.DELETE, {
      method: 'DELETE',
      apiKey: other.apiKey,
      params: { id: again.json.suppression.id },
    });
    expect(foreign.status).toBe(404);
    const bad = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { address: 'not an address' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('address');
    const put = await callRoute(suppressionsRoute.PUT, { method: 'PUT', apiKey: org.apiKey });
    expect(put.status).toBe(405);
  });

  it('an invoice run hears the bounce: its invoice is marked not delivered with the server’s words', async () => {
    const { org, mailbox, relay, sender } = await setup();
    const batch = makeInvoiceBatch(2, {
      period: '2025-03',
      recipients: (i) => `billing${i}@client${i}.example`,
    });
    relay.rules.set('billing1@client1.example', {
      format: 'rfc3464',
      status: '5.1.1',
      diagnostic: '550 5.1.1 User unknown',
    });
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json.imported).toBe(2);
    const started = await callRoute(runsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        kind: 'invoices',
        senderId: sender.id,
        filters: { period: '2025-03' },
        subject: 'Facture {period}',
        body: 'Bonjour {clientName}',
      },
    });
    expect(started.status).toBe(201);
    await sendAll(relay);
    await sync(mailbox.id);
    const deliveries = await t.db
      .select()
      .from(invoiceDeliveries)
      .where(eq(invoiceDeliveries.runId, started.json.id));
    const bounced = deliveries.find((d) => d.lastEventKind === 'bounced-hard');
    expect(bounced).toMatchObject({
      lastEventDetail: 'billing1@client1.example: 5.1.1 550 5.1.1 User unknown',
    });
    const [invoice] = await t.db.select().from(invoices).where(eq(invoices.id, bounced!.invoiceId));
    expect(invoice).toMatchObject({
      status: 'failed',
      failureReason: 'bounced: billing1@client1.example: 5.1.1 550 5.1.1 User unknown',
    });
    expect(deliveries.filter((d) => d.lastEventKind === null)).toHaveLength(1);
  });
});

describe('automatic replies', () => {
  it('records a successful delivery report (delivered, relayed, expanded) as a `delivered` event: no bounce, no suppression', async () => {
    const { org, mailbox, relay, sender } = await setup();
    const outcomes = {
      'got-it@client.example': 'delivered',
      'passed-on@client.example': 'relayed',
      'team@lists.example': 'expanded',
    } as const;
    for (const [address, success] of Object.entries(outcomes))
      relay.rules.set(address, {
        format: 'rfc3464',
        status: '2.0.0',
        diagnostic: `250 2.0.0 Ok: queued as ${success.toUpperCase()}`,
        success,
      });
    relay.rules.set('gone@client.example', {
      format: 'rfc3464',
      status: '5.1.1',
      diagnostic: '550 5.1.1 User unknown',
    });
    // One message to two recipients (one report each), one to a list, one that bounces.
    const both = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: ['got-it@client.example', 'passed-on@client.example'],
      subject: 'Your statement',
      text: 'x',
    });
    const list = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'team@lists.example',
      subject: 'To the list',
      text: 'x',
    });
    const bounced = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'gone@client.example',
      subject: 'Lost',
      text: 'x',
    });
    await sendAll(relay);
    expect((await sync(mailbox.id)).imported).toBe(4);

    const stored = await storedMessages(t.db, mailbox.id);
    const reports = stored.filter((m) => m.subject === 'Successful Mail Delivery Report');
    expect(reports).toHaveLength(3);
    for (const r of reports) {
      expect(r.automatic).toBe('delivery-report');
      expect(r.bounce).toMatchObject({
        outboxMessageId: expect.any(String),
        recipients: [{ hard: false, status: '2.0.0', outcome: 'delivered' }],
      });
    }
    expect(stored.find((m) => m.subject !== 'Successful Mail Delivery Report')?.automatic).toBe('bounce');

    expect(
      (await eventsOf(both.id)).sort((a, b) => (a.recipient ?? '').localeCompare(b.recipient ?? '')),
    ).toEqual([
      {
        kind: 'delivered',
        recipient: 'got-it@client.example',
        detail: '2.0.0 250 2.0.0 Ok: queued as DELIVERED',
        source: 'inbox',
      },
      {
        kind: 'delivered',
        recipient: 'passed-on@client.example',
        detail: '2.0.0 250 2.0.0 Ok: queued as RELAYED',
        source: 'inbox',
      },
    ]);
    expect(await eventsOf(list.id)).toMatchObject([{ kind: 'delivered', recipient: 'team@lists.example' }]);
    expect(await eventsOf(bounced.id)).toMatchObject([{ kind: 'bounced-hard' }]);
    // Only the bounce suppresses; the delivered messages stay `sent`.
    const entries = await t.db
      .select({ address: suppressedAddresses.address })
      .from(suppressedAddresses)
      .where(eq(suppressedAddresses.orgId, org.id));
    expect(entries).toEqual([{ address: 'gone@client.example' }]);
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, both.id));
    expect(row!.status).toBe('sent');
    // The message page (REST) shows the delivery events.
    const detail = await callRoute(messageRoute.GET, {
      method: 'GET',
      apiKey: org.apiKey,
      params: { id: list.id },
    });
    expect(detail.json.events).toMatchObject([
      { kind: 'delivered', recipient: 'team@lists.example', source: 'inbox' },
    ]);
  });

  it('labels out-of-office and other automatic replies, and never takes them for bounces', async () => {
    const { org, user, mailbox, sender } = await setup();
    const sent = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'away@client.example',
      subject: 'Your invoice',
      text: 'x',
    });
    const reply = (subject: string, header: string) =>
      buildMessage({ subject, from: 'Away <away@client.example>', to: user.email, inReplyTo: sent.messageId })
        .replace('MIME-Version: 1.0', `${header}\r\nMIME-Version: 1.0`)
        .replace(/Body of .*/, `I am away until Monday.\r\nMessage-ID: ${sent.messageId}`);
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: reply('Automatic reply: Your invoice', 'Auto-Submitted: auto-replied') },
      { raw: reply('Out of office', 'X-Autoreply: yes') },
      { raw: reply('Absent', 'Precedence: auto_reply') },
      { raw: reply('Réponse automatique : Your invoice', 'X-Autorespond: yes') },
      { raw: buildMessage({ subject: 'A person writing', from: 'away@client.example', to: user.email }) },
      {
        raw: buildMessage({ subject: 'Not automatic', to: user.email }).replace(
          'MIME-Version: 1.0',
          'Auto-Submitted: no\r\nMIME-Version: 1.0',
        ),
      },
    ]);
    await sync(mailbox.id);
    const stored = await storedMessages(t.db, mailbox.id);
    expect(stored.map((m) => [m.subject, m.automatic])).toEqual([
      ['Automatic reply: Your invoice', 'auto-reply'],
      ['Out of office', 'auto-reply'],
      ['Absent', 'auto-reply'],
      ['Réponse automatique : Your invoice', 'auto-reply'],
      ['A person writing', null],
      ['Not automatic', null],
    ]);
    expect(stored.every((m) => m.bounce === null)).toBe(true);
    expect(await eventsOf(sent.id)).toEqual([]);
    const entries = await t.db
      .select()
      .from(suppressedAddresses)
      .where(and(eq(suppressedAddresses.orgId, org.id)));
    expect(entries).toEqual([]);
  });
});
