// Attachments are stored once, by content, and referenced: the same file sent to many recipients is
// one stored file; a bulk run's emails refer to their invoices' PDFs instead of copying them; each
// message still receives its bytes; retention deletes a stored file only once nothing refers to it.
process.env.LOG_LEVEL ??= 'warn';

import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { storedFiles } from '@/lib/db/schema/files';
import { invoiceDeliveries, invoices } from '@/lib/db/schema/invoices';
import { messageAttachments, outboxMessages } from '@/lib/db/schema/outbox';
import { getSenderBoss } from '@/lib/jobs/boss';
import { deleteOldMessages } from '@/lib/outbox/delete-old-messages';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSink } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSink({ auth: false, tls: false }, (s) => (sink = s));

const plainSender = { security: 'none' as const, username: undefined, password: undefined };

async function processAll() {
  return processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 30_000 });
}

describe('attachments by reference', () => {
  it('stores a file sent to many recipients once, and every recipient gets its bytes', async () => {
    const a = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, a.ctx, sink, plainSender);
    const file = Buffer.alloc(512 * 1024, 'report-');
    const tag = crypto.randomUUID().slice(0, 8);
    const to = Array.from({ length: 30 }, (_, i) => `files-${i}-${tag}@example.test`);
    // In two calls: the second finds the file the first stored.
    for (const part of [to.slice(0, 15), to.slice(15)]) {
      await enqueueMessage(
        t.db,
        a.ctx,
        part.map((address) => ({
          senderId: sender.id,
          to: address,
          subject: 'Report',
          text: 'Attached.',
          attachments: [{ filename: 'report.bin', content: file.toString('base64') }],
        })),
      );
    }
    const files = await t.db.select().from(storedFiles).where(eq(storedFiles.orgId, a.id));
    expect(files).toHaveLength(1);
    expect(files[0]!.size).toBe(file.length);
    const rows = await t.db.select().from(messageAttachments).where(eq(messageAttachments.orgId, a.id));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.fileId))).toEqual(new Set([files[0]!.id]));

    await processAll();
    const received = sink.received.filter((m) => m.to[0]!.endsWith(`-${tag}@example.test`));
    expect(received).toHaveLength(30);
    for (const m of [received[0]!, received[29]!]) {
      const parsed = await sink.parse(m);
      expect(parsed.attachments[0]!.filename).toBe('report.bin');
      expect(Buffer.compare(parsed.attachments[0]!.content, file)).toBe(0);
    }
  });

  it("a bulk run's emails refer to their invoices' PDFs; retention deletes a file only when nothing refers to it", async () => {
    const org = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(4, { period: '2025-03' });
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json.imported).toBe(4);
    const before = await t.db.$count(storedFiles, eq(storedFiles.orgId, org.id));
    expect(before).toBe(4);
    const sender = await createSinkSender(t.db, org.ctx, sink, plainSender);
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
    // Start copied nothing: the same four files, each referred to by its invoice and its email.
    expect(await t.db.$count(storedFiles, eq(storedFiles.orgId, org.id))).toBe(4);
    const deliveries = await t.db
      .select({ messageId: invoiceDeliveries.messageId, fileId: invoices.fileId })
      .from(invoiceDeliveries)
      .innerJoin(invoices, eq(invoices.id, invoiceDeliveries.invoiceId))
      .where(eq(invoiceDeliveries.runId, started.json.id));
    const attached = await t.db
      .select()
      .from(messageAttachments)
      .where(
        inArray(
          messageAttachments.messageId,
          deliveries.map((d) => d.messageId),
        ),
      );
    expect(new Map(attached.map((r) => [r.messageId, r.fileId]))).toEqual(
      new Map(deliveries.map((d) => [d.messageId, d.fileId])),
    );
    await processAll();

    // A file of a message alone (no invoice refers to it), and the invoices' files.
    const [lone] = await enqueueMessage(t.db, org.ctx, [
      {
        senderId: sender.id,
        to: 'lone@example.test',
        subject: 'Lone',
        text: 'x',
        attachments: [{ filename: 'lone.txt', content: Buffer.from('only here').toString('base64') }],
      },
    ]);
    await processAll();
    // Everything finished long ago and the files have not been used for a day.
    await t.db
      .update(outboxMessages)
      .set({ finishedAt: sql`now() - interval '40 days'` })
      .where(eq(outboxMessages.orgId, org.id));
    await t.db
      .update(storedFiles)
      .set({ lastUsedAt: sql`now() - interval '1 day'` })
      .where(eq(storedFiles.orgId, org.id));
    await deleteOldMessages(t.db, { days: 30 });
    expect(await t.db.$count(outboxMessages, eq(outboxMessages.id, lone!.id))).toBe(0);
    // The lone file went with its message; the invoices still have their PDFs.
    const left = await t.db
      .select({ id: storedFiles.id })
      .from(storedFiles)
      .where(eq(storedFiles.orgId, org.id));
    expect(left.map((f) => f.id).sort()).toEqual(deliveries.map((d) => d.fileId).sort());
  });

  it('refuses a stored file of another organisation', async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const made = await enqueueMessage(t.db, b.ctx, {
      to: 'b@example.test',
      subject: 'B',
      text: 'x',
      attachments: [{ filename: 'b.txt', content: Buffer.from('b').toString('base64') }],
    });
    const [row] = await t.db
      .select()
      .from(messageAttachments)
      .where(eq(messageAttachments.messageId, made.id));
    // Stored files are attached by reference by features (which name their origin), never by REST.
    const libraryCall = { origin: { kind: 'compose' as const, id: null } };
    await expect(
      enqueueMessage(
        t.db,
        a.ctx,
        {
          to: 'a@example.test',
          subject: 'A',
          text: 'x',
          storedAttachments: [{ filename: 'b.txt', contentType: 'text/plain', fileId: row!.fileId }],
        },
        libraryCall,
      ),
    ).rejects.toMatchObject({ status: 400, details: [{ path: 'storedAttachments.0.fileId' }] });
    // Its names become header values: refused with line breaks, like any attachment's.
    await expect(
      enqueueMessage(
        t.db,
        b.ctx,
        {
          to: 'b@example.test',
          subject: 'B',
          text: 'x',
          storedAttachments: [
            { filename: 'b\r\nBcc: x@evil.example', contentType: 'text/plain', fileId: row!.fileId },
          ],
        },
        libraryCall,
      ),
    ).rejects.toMatchObject({ status: 400, details: [{ path: 'storedAttachments.0.filename' }] });
  });
});
