// The suppression list is checked again when a message is claimed for sending (real Postgres, real
// SMTP sink): messages queued before their address was suppressed do not go to it. A message whose
// every recipient is suppressed ends `failed` with the reason and is never handed to the server; a
// message to several keeps its other recipients (envelope and headers) and names the suppressed one
// with the entry's reason; once the entry is removed, the next message is sent again.
process.env.LOG_LEVEL ??= 'warn';

import '../helpers/register-origins';

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as messageRoute from '@/app/api/v1/messages/[id]/route';
import * as suppressionRoute from '@/app/api/v1/suppressions/[id]/route';
import * as suppressionsRoute from '@/app/api/v1/suppressions/route';
import { messageAttempts, outboxMessages } from '@/lib/db/schema/outbox';
import { getSenderBoss } from '@/lib/jobs/boss';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSink } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSink({}, (s) => (sink = s));

async function sendDue() {
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 50, maxRuntimeMs: 20_000 });
}

describe('suppression at send time', () => {
  it('withdraws recipients suppressed after their message was queued', async () => {
    const org = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, org.ctx, sink);
    // Queued while nobody is suppressed.
    const only = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'Late.Bounce@client.example',
      subject: 'Only to the bounced one',
      text: 'x',
    });
    const mixed = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: ['late.bounce@client.example', 'still.fine@client.example'],
      cc: 'copy@client.example',
      subject: 'To both',
      text: 'x',
    });
    const unrelated = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'someone.else@client.example',
      subject: 'Nobody suppressed',
      text: 'x',
    });
    expect([only.status, mixed.status, unrelated.status]).toEqual(['queued', 'queued', 'queued']);

    const added = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { address: 'late.bounce@client.example', detail: 'bounced after the run was queued' },
    });
    expect(added.status).toBe(201);
    const before = sink.received.length;
    await sendDue();

    const mine = sink.received.slice(before);
    expect(mine.map((m) => m.to.sort())).toEqual(
      expect.arrayContaining([
        ['copy@client.example', 'still.fine@client.example'],
        ['someone.else@client.example'],
      ]),
    );
    expect(mine).toHaveLength(2);
    expect(mine.flatMap((m) => m.to)).not.toContain('late.bounce@client.example');
    // The headers say who it went to, not the withdrawn address.
    const mixedMail = await sink.parse(mine.find((m) => m.to.includes('still.fine@client.example'))!);
    expect(mixedMail.headers.get('to')).toMatchObject({ text: 'still.fine@client.example' });

    const shown = await callRoute(messageRoute.GET, {
      method: 'GET',
      apiKey: org.apiKey,
      params: { id: only.id },
    });
    expect(shown.json.message).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: every recipient is on the suppression list (Late.Bounce@client.example: manual)',
      suppressed: [
        {
          address: 'Late.Bounce@client.example',
          reason: 'manual',
          detail: 'bounced after the run was queued',
        },
      ],
      attempts: 0,
    });
    // Never handed over: no attempt row.
    expect(
      await t.db.select().from(messageAttempts).where(eq(messageAttempts.messageId, only.id)),
    ).toHaveLength(0);
    const [mixedRow] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, mixed.id));
    expect(mixedRow).toMatchObject({
      status: 'sent',
      to: [{ address: 'still.fine@client.example' }],
      cc: [{ address: 'copy@client.example' }],
      suppressed: [{ address: 'late.bounce@client.example', reason: 'manual' }],
    });
    const [unrelatedRow] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, unrelated.id));
    expect(unrelatedRow).toMatchObject({ status: 'sent', suppressed: [] });

    // Entry removed: a message queued now (and sent now) reaches the address again.
    const removed = await callRoute(suppressionRoute.DELETE, {
      method: 'DELETE',
      apiKey: org.apiKey,
      params: { id: added.json.suppression.id },
    });
    expect(removed.status).toBe(204);
    const after = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'late.bounce@client.example',
      subject: 'After removal',
      text: 'x',
    });
    await sendDue();
    const [afterRow] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, after.id));
    expect(afterRow).toMatchObject({ status: 'sent', suppressed: [] });
  });

  it('does not withdraw a message of another organisation whose list names the address', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const sender = await createSinkSender(t.db, org.ctx, sink);
    const queued = await enqueueMessage(t.db, org.ctx, {
      senderId: sender.id,
      to: 'shared.address@client.example',
      subject: 'Not suppressed here',
      text: 'x',
    });
    const added = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: other.apiKey,
      body: { address: 'shared.address@client.example' },
    });
    expect(added.status).toBe(201);
    await sendDue();
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, queued.id));
    expect(row).toMatchObject({ status: 'sent', suppressed: [] });
  });
});
