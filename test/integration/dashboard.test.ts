// The dashboard's queries against real rows: per-day counts in the viewer's time zone, what needs
// attention (paused sender, failing mailbox, failed invoices of the last run), the unread count and
// the getting-started checklist ticked from what exists. Tenancy: another org sees none of it.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import { getLatestInvoiceRun, listFailedDeliveries } from '@/lib/bulk/list-failed-deliveries';
import { saveCredential } from '@/lib/credentials/save-credential';
import { getDailyCounts } from '@/lib/dashboard/get-daily-counts';
import { getGettingStarted } from '@/lib/dashboard/get-getting-started';
import { listAttention } from '@/lib/dashboard/list-attention';
import { inboxMailboxes, inboxMessages } from '@/lib/db/schema/inbox';
import { invoiceDeliveries, invoices } from '@/lib/db/schema/invoices';
import { messageAttempts, outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { runs } from '@/lib/db/schema/progress';
import { countUnread } from '@/lib/inbox/count-unread';
import { createSender } from '@/lib/outbox/create-sender';
import { getSenderUsage } from '@/lib/outbox/get-sender-usage';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const DAY = 24 * 3600 * 1000;

describe('dashboard queries', () => {
  it('ticks the checklist, counts per day, lists what needs attention and the unread mail', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    expect(await getGettingStarted(t.db, org.ctx)).toEqual({
      hasSender: false,
      hasMailbox: false,
      hasInvoices: false,
    });

    const sender = await createSender(t.db, org.ctx, {
      name: 'Factures',
      kind: 'smtp',
      fromAddress: 'factures@acme.example',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
    });
    expect((await getGettingStarted(t.db, org.ctx)).hasSender).toBe(true);

    // Today: 2 sent, 1 failed, 1 still queued; three days ago: 1 sent.
    const now = Date.now();
    const msg = (status: 'sent' | 'failed' | 'queued', at: number) => ({
      orgId: org.id,
      senderId: sender.id,
      status,
      fromAddress: 'factures@acme.example',
      to: [{ address: 'x@client.example' }],
      subject: 's',
      messageId: `<${crypto.randomUUID()}@acme.example>`,
      maxAttempts: 3,
      createdAt: new Date(at),
      finishedAt: status === 'queued' ? null : new Date(at),
    });
    await t.db
      .insert(outboxMessages)
      .values([
        msg('sent', now),
        msg('sent', now),
        msg('failed', now),
        msg('queued', now),
        msg('sent', now - 3 * DAY),
      ]);
    const days = await getDailyCounts(t.db, org.ctx, { days: 7, timeZone: 'Europe/Paris' });
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toMatchObject({ sent: 2, failed: 1, queued: 4 });
    expect(days.at(-4)).toMatchObject({ sent: 1, failed: 0, queued: 1 });
    expect(days.reduce((n, d) => n + d.sent, 0)).toBe(3);
    expect(
      (await getDailyCounts(t.db, other.ctx, { days: 7, timeZone: 'UTC' })).every((d) => d.sent === 0),
    ).toBe(true);

    // A sender paused by its provider, a mailbox whose sync fails.
    expect(await listAttention(t.db, org.ctx)).toEqual({ senders: [], mailboxes: [] });
    await t.db
      .update(senderAccounts)
      .set({ pausedUntil: new Date(now + 3600_000), pauseReason: '421 daily sending quota exceeded' })
      .where(eq(senderAccounts.id, sender.id));
    const credentialId = await saveCredential(t.db, {
      orgId: org.id,
      kind: 'password',
      secret: { password: 'secret' },
    });
    const [mailbox] = await t.db
      .insert(inboxMailboxes)
      .values({
        orgId: org.id,
        name: 'Accueil',
        host: '127.0.0.1',
        port: 1143,
        security: 'none',
        username: 'accueil@acme.example',
        credentialId,
        status: 'error',
        lastError: 'The server refused the password.',
      })
      .returning();
    const attention = await listAttention(t.db, org.ctx);
    expect(attention.senders).toEqual([
      expect.objectContaining({
        id: sender.id,
        problem: 'paused',
        reason: '421 daily sending quota exceeded',
      }),
    ]);
    expect(attention.mailboxes).toEqual([
      expect.objectContaining({
        id: mailbox!.id,
        problem: 'sync_error',
        reason: 'The server refused the password.',
      }),
    ]);
    expect(await listAttention(t.db, other.ctx)).toEqual({ senders: [], mailboxes: [] });
    expect((await getGettingStarted(t.db, org.ctx)).hasMailbox).toBe(true);

    // Unread: 2 of 3 (a message gone from the server does not count).
    const inbox = (seen: boolean, removedAt: Date | null) => ({
      orgId: org.id,
      mailboxId: mailbox!.id,
      folder: 'INBOX',
      uid: Math.floor(Math.random() * 1e9),
      uidValidity: 1,
      externalId: `hash:${crypto.randomUUID()}`,
      threadKey: crypto.randomUUID(),
      receivedAt: new Date(),
      size: 10,
      seen,
      removedAt,
    });
    await t.db
      .insert(inboxMessages)
      .values([inbox(false, null), inbox(false, null), inbox(true, null), inbox(false, new Date())]);
    expect(await countUnread(t.db, org.ctx)).toBe(2);
    expect(await countUnread(t.db, other.ctx)).toBe(0);

    // Invoices imported, then the last run's failures.
    const batch = makeInvoiceBatch(3);
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.status).toBe(200);
    expect(await getGettingStarted(t.db, org.ctx)).toEqual({
      hasSender: true,
      hasMailbox: true,
      hasInvoices: true,
    });
    expect(await getLatestInvoiceRun(t.db, org.ctx)).toBeNull();
    const rows = await t.db
      .select()
      .from(invoices)
      .where(eq(invoices.orgId, org.id))
      .orderBy(invoices.clientCode);
    const [run] = await t.db
      .insert(runs)
      .values({
        orgId: org.id,
        kind: 'invoices',
        status: 'completed',
        total: 3,
        processed: 3,
        succeeded: 2,
        failed: 1,
      })
      .returning();
    await t.db.insert(invoiceDeliveries).values(
      rows.map((r, i) => ({
        orgId: org.id,
        runId: run!.id,
        invoiceId: r.id,
        messageId: crypto.randomUUID(),
        status: i === 1 ? ('failed' as const) : ('sent' as const),
        error: i === 1 ? '550 mailbox unavailable' : null,
      })),
    );
    expect((await getLatestInvoiceRun(t.db, org.ctx))?.id).toBe(run!.id);
    expect(await listFailedDeliveries(t.db, org.ctx, run!.id)).toEqual([
      expect.objectContaining({
        invoiceId: rows[1]!.id,
        clientCode: 'CCT002',
        recipients: ['billing2@client2.example'],
        error: '550 mailbox unavailable',
      }),
    ]);
    expect(await listFailedDeliveries(t.db, other.ctx, run!.id)).toEqual([]);
    expect(await getLatestInvoiceRun(t.db, other.ctx)).toBeNull();
  });

  it('counts the attempts of each sender account in the last minute and the last 24 h, as the limits do', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const sender = await createSender(t.db, org.ctx, {
      name: 'Limited',
      kind: 'smtp',
      fromAddress: 'news@acme.example',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      ratePerMinute: 30,
      ratePerDay: 500,
    });
    const idle = await createSender(t.db, org.ctx, {
      name: 'Idle',
      kind: 'smtp',
      fromAddress: 'idle@acme.example',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
    });
    const now = Date.now();
    const startedAt = [now - 10_000, now - 20_000, now - 3600_000, now - 23 * 3600_000, now - 25 * 3600_000];
    const messages = await t.db
      .insert(outboxMessages)
      .values(
        startedAt.map(() => ({
          orgId: org.id,
          senderId: sender.id,
          status: 'sent' as const,
          fromAddress: 'news@acme.example',
          to: [{ address: 'x@client.example' }],
          subject: 's',
          messageId: `<${crypto.randomUUID()}@acme.example>`,
          maxAttempts: 3,
        })),
      )
      .returning({ id: outboxMessages.id });
    await t.db.insert(messageAttempts).values(
      messages.map((m, i) => ({
        messageId: m.id,
        orgId: org.id,
        senderId: sender.id,
        number: 1,
        outcome: 'sent' as const,
        startedAt: new Date(startedAt[i]!),
      })),
    );
    const usage = await getSenderUsage(t.db, org.ctx, [sender.id, idle.id]);
    expect(usage.get(sender.id)).toEqual({ lastMinute: 2, lastDay: 4 });
    expect(usage.get(idle.id)).toEqual({ lastMinute: 0, lastDay: 0 });
    expect((await getSenderUsage(t.db, other.ctx, [sender.id])).get(sender.id)).toEqual({
      lastMinute: 0,
      lastDay: 0,
    });
  });
});
