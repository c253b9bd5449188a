// A run's stored parameters are read back through their schema, never cast: a run whose params no
// longer fit (an older format, a hand edit) cannot retry its failed emails with garbage — it answers
// 422 with the field that is wrong, and nothing is enqueued or reopened.
process.env.LOG_LEVEL ??= 'warn';

import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as retryRoute from '@/app/api/v1/runs/[id]/retry-failed/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { invoiceDeliveries } from '@/lib/db/schema/invoices';
import { runs } from '@/lib/db/schema/progress';
import { getSenderBoss } from '@/lib/jobs/boss';
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
setupSink({ auth: false, tls: false }, (s) => {
  sink = s;
  sink.rules.set('refused@params.example', { reply: '550 mailbox unavailable' });
});

describe('stored run parameters', () => {
  it('refuses to retry with parameters that no longer fit their schema', async () => {
    const org = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(3, {
      period: '2025-04',
      recipients: (i) => (i === 2 ? 'refused@params.example' : `ok${i}@params.example`),
    });
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json.imported).toBe(3);
    const sender = await createSinkSender(t.db, org.ctx, sink, {
      security: 'none',
      username: undefined,
      password: undefined,
    });
    const started = await callRoute(runsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        kind: 'invoices',
        senderId: sender.id,
        filters: { period: '2025-04' },
        subject: 'Facture {period}',
        body: 'Bonjour {clientName}',
      },
    });
    expect(started.status).toBe(201);
    await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 20_000 });
    const [done] = await t.db.select().from(runs).where(eq(runs.id, started.json.id));
    expect(done).toMatchObject({ status: 'completed', succeeded: 2, failed: 1 });

    // As an older version (or a hand edit) might have left it.
    await t.db
      .update(runs)
      .set({ params: sql`jsonb_set(params, '{subject}', '42')` })
      .where(eq(runs.id, started.json.id));
    const retried = await callRoute(retryRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: started.json.id },
    });
    expect(retried.status).toBe(422);
    expect(retried.json.error.message).toMatch(/stored parameters .* subject/);
    const [after] = await t.db.select().from(runs).where(eq(runs.id, started.json.id));
    expect(after).toMatchObject({ status: 'completed', failed: 1, lastSeq: done!.lastSeq });
    const deliveries = await t.db
      .select({ attempts: invoiceDeliveries.attempts })
      .from(invoiceDeliveries)
      .where(eq(invoiceDeliveries.runId, started.json.id));
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
  });
});
