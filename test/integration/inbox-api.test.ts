// The inbox REST API as a client uses it: integrations (presets, sealed passwords, validation,
// duplicates), sync requests that join, the shared inbox (list, search, filters, cursor, one
// message with sanitised HTML, attachments, read state), quarantine, tenancy, OpenAPI, and the
// `inbox:sync` command for cron users.
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as integrationById from '@/app/api/v1/inbox/integrations/[id]/route';
import * as integrationSync from '@/app/api/v1/inbox/integrations/[id]/sync/route';
import * as integrationTest from '@/app/api/v1/inbox/integrations/[id]/test/route';
import * as integrations from '@/app/api/v1/inbox/integrations/route';
import * as syncAll from '@/app/api/v1/inbox/integrations/sync-all/route';
import * as attachment from '@/app/api/v1/inbox/messages/[id]/attachments/[attachmentId]/route';
import * as messageById from '@/app/api/v1/inbox/messages/[id]/route';
import * as messages from '@/app/api/v1/inbox/messages/route';
import * as presets from '@/app/api/v1/inbox/presets/route';
import * as quarantineRaw from '@/app/api/v1/inbox/quarantine/[id]/raw/route';
import * as quarantine from '@/app/api/v1/inbox/quarantine/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import { unseal } from '@/lib/crypto/seal';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { getSenderBoss } from '@/lib/jobs/boss';
import { inboxFlagQueue } from '@/lib/jobs/queues';
import { callRoute } from '../helpers/call-route';
import { sealedSecretOf } from '../helpers/credentials';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, parserBreakingMessage } from '../helpers/inbox';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await destroyDovecot(dovecot);
});

const pixel = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Connects a Dovecot user through the API. */
async function connect(org: TestOrg, email: string, password: string, extra: Record<string, unknown> = {}) {
  await dovecot.addUser(email, password);
  const res = await callRoute(integrations.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: {
      name: email,
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      username: email,
      password,
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.json.integration as { id: string };
}

describe('inbox REST API', () => {
  it('manages integrations: presets, sealed passwords never returned, validation, duplicates, delete', async () => {
    const org = await createTestOrg(t.db);
    const list = await callRoute(presets.GET, { apiKey: org.apiKey });
    expect(list.json.presets.map((p: { id: string }) => p.id)).toEqual([
      'gmail',
      'outlook',
      'yahoo',
      'orange',
      'ovh-mxplan',
      'ovh-mailpro',
      'ionos',
      'icloud',
      'fastmail',
      'zoho',
    ]);

    const created = await callRoute(integrations.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'Support', preset: 'orange', username: 'support@orange.fr', password: 'app-Pa55!' },
    });
    expect(created.status).toBe(201);
    expect(created.json.integration).toMatchObject({
      kind: 'imap',
      name: 'Support',
      preset: 'orange',
      host: 'imap.orange.fr',
      port: 993,
      security: 'tls',
      verifyTls: true,
      folders: ['INBOX'],
      intervalMinutes: 5,
      active: true,
      status: 'pending',
      syncing: false,
      counts: { messages: 0, quarantined: 0 },
      lastRun: null,
    });
    expect(created.text).not.toMatch(/app-Pa55|password|v1\./i);
    const id = created.json.integration.id;
    const [row] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, id));
    expect(await sealedSecretOf(t.db, row!.credentialId)).toMatch(/^v1\./);
    expect(unseal(await sealedSecretOf(t.db, row!.credentialId))).toBe('app-Pa55!');

    const bad = [
      [{ name: 'x', username: 'u', password: 'p' }, 'host', 'is required without a preset'],
      [
        { name: 'x', preset: 'aol', username: 'u', password: 'p' },
        'preset',
        expect.stringMatching(/^is not a known preset/),
      ],
      [
        { name: 'x', host: 'imap.example.net', port: 143, security: 'none', username: 'u', password: 'p' },
        'security',
        expect.stringMatching(/^Unencrypted IMAP is only allowed/),
      ],
      [
        { name: 'x', preset: 'gmail', username: 'u\r\nX: y', password: 'p' },
        'username',
        'must not contain line breaks',
      ],
      [
        { name: 'x', preset: 'gmail', username: 'u', password: 'p', folders: [] },
        'folders',
        'needs at least one folder',
      ],
      [
        { name: 'x', preset: 'gmail', username: 'u', password: 'p', intervalMinutes: 0 },
        'intervalMinutes',
        expect.any(String),
      ],
    ] as const;
    for (const [body, path, message] of bad) {
      const res = await callRoute(integrations.POST, { method: 'POST', apiKey: org.apiKey, body });
      expect(res.status).toBe(400);
      expect(res.json.error.details).toContainEqual({ path, message });
    }
    const duplicate = await callRoute(integrations.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'Again', preset: 'orange', username: 'SUPPORT@orange.fr', password: 'x' },
    });
    expect(duplicate.status).toBe(409);

    // PATCH without a password keeps the stored one; with one, reseals it.
    const renamed = await callRoute(integrationById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id },
      body: { name: 'Support FR', folders: ['INBOX', 'Factures'], intervalMinutes: 15 },
    });
    expect(renamed.json.integration).toMatchObject({
      name: 'Support FR',
      folders: ['INBOX', 'Factures'],
      intervalMinutes: 15,
    });
    let [after] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, id));
    expect(unseal(await sealedSecretOf(t.db, after!.credentialId))).toBe('app-Pa55!');
    await callRoute(integrationById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id },
      body: { password: 'new-one' },
    });
    [after] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, id));
    expect(unseal(await sealedSecretOf(t.db, after!.credentialId))).toBe('new-one');

    const all = await callRoute(integrations.GET, { apiKey: org.apiKey });
    expect(all.json.integrations.map((i: { name: string }) => i.name)).toEqual(['Support FR']);
    expect(all.text).not.toMatch(/new-one|passwordSealed/);
    expect(
      (await callRoute(integrationById.DELETE, { method: 'DELETE', apiKey: org.apiKey, params: { id } }))
        .status,
    ).toBe(204);
    expect((await callRoute(integrationById.GET, { apiKey: org.apiKey, params: { id } })).status).toBe(404);
  });

  it('syncs on request (joining a queued sync) and serves the shared inbox', async () => {
    const org = await createTestOrg(t.db);
    const support = await connect(org, 'support@example.com', 'pw-support');
    const sales = await connect(org, 'sales@example.com', 'pw-sales');
    const root = '<quote-1@customer.example>';
    await dovecot.append('support@example.com', 'pw-support', 'INBOX', [
      {
        raw: buildMessage({
          subject: 'Quote request',
          messageId: root,
          from: 'Carol <carol@customer.example>',
          date: new Date(Date.UTC(2026, 10, 1)),
        }),
        date: new Date(Date.UTC(2026, 10, 1)),
      },
      {
        raw: buildMessage({
          subject: 'Invoice 2026-11',
          text: 'Please find the invoice attached.',
          html: '<p onclick="steal()">Invoice <b>attached</b><script>alert(1)</script><img src="cid:logo@x"><img src="https://tracker.example/p.gif"></p>',
          attachments: [
            {
              filename: 'facture été.pdf',
              contentType: 'application/pdf',
              content: Buffer.from('%PDF-1.4 test'),
            },
            { filename: 'logo.png', contentType: 'image/png', content: pixel, contentId: 'logo@x' },
          ],
          date: new Date(Date.UTC(2026, 10, 2)),
        }),
        date: new Date(Date.UTC(2026, 10, 2)),
      },
      { raw: parserBreakingMessage(), date: new Date(Date.UTC(2026, 10, 3)) },
    ]);
    await dovecot.append('sales@example.com', 'pw-sales', 'INBOX', [
      {
        raw: buildMessage({
          subject: 'Re: Quote request',
          inReplyTo: root,
          references: [root],
          date: new Date(Date.UTC(2026, 10, 4)),
        }),
        date: new Date(Date.UTC(2026, 10, 4)),
        seen: true,
      },
    ]);

    // A second request while the first is still queued joins it: one job per mailbox.
    const first = await callRoute(integrationSync.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: support.id },
    });
    expect(first.status).toBe(202);
    expect(first.json.sync).toMatchObject({ integrationId: support.id, joined: false });
    const second = await callRoute(integrationSync.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: support.id },
    });
    expect(second.json.sync).toEqual({
      integrationId: support.id,
      jobId: first.json.sync.jobId,
      joined: true,
    });
    const everything = await callRoute(syncAll.POST, { method: 'POST', apiKey: org.apiKey });
    expect(everything.status).toBe(202);
    expect(everything.json.syncs).toEqual([
      { integrationId: sales.id, jobId: expect.any(String), joined: false },
      { integrationId: support.id, jobId: first.json.sync.jobId, joined: true },
    ]);
    // (The worker runs these jobs; inbox-worker.test.ts covers it. Here the same sync runs in-process.)
    for (const m of [support, sales]) await syncMailbox(t.db, m.id, { reason: 'manual' });

    const status = await callRoute(integrationById.GET, { apiKey: org.apiKey, params: { id: support.id } });
    expect(status.json.integration).toMatchObject({
      status: 'partial',
      counts: { messages: 2, quarantined: 1 },
      lastRun: { imported: 2, quarantined: 1, duplicates: 0, reason: 'manual' },
    });
    expect(status.json.integration.lastError).toMatch(/quarantined/);

    // One list across both mailboxes, newest first, paged with the cursor.
    const page1 = await callRoute(messages.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/inbox/messages?limit=2',
    });
    expect(page1.json.messages.map((m: { subject: string }) => m.subject)).toEqual([
      'Re: Quote request',
      'Invoice 2026-11',
    ]);
    const page2 = await callRoute(messages.GET, {
      apiKey: org.apiKey,
      path: `/api/v1/inbox/messages?limit=2&cursor=${page1.json.nextCursor}`,
    });
    expect(page2.json.messages.map((m: { subject: string }) => m.subject)).toEqual(['Quote request']);
    expect(page2.json.nextCursor).toBeNull();
    const reply = page1.json.messages[0];
    expect(reply).toMatchObject({ integrationId: sales.id, seen: true, threadKey: root });

    const query = async (qs: string) =>
      (
        await callRoute(messages.GET, { apiKey: org.apiKey, path: `/api/v1/inbox/messages?${qs}` })
      ).json.messages.map((m: { subject: string }) => m.subject);
    expect(await query(`integrationId=${sales.id}`)).toEqual(['Re: Quote request']);
    expect(await query('q=invoice')).toEqual(['Invoice 2026-11']);
    expect(await query('q=carol%40customer')).toEqual(['Quote request']);
    expect(await query('unread=true')).toEqual(['Invoice 2026-11', 'Quote request']);
    expect(await query(`threadKey=${encodeURIComponent(root)}`)).toEqual([
      'Re: Quote request',
      'Quote request',
    ]);
    const badCursor = await callRoute(messages.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/inbox/messages?cursor=nope',
    });
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.error.details[0].path).toBe('cursor');

    // One message: sanitised HTML, attachments with download URLs.
    const invoiceId = page1.json.messages[1].id;
    const one = await callRoute(messageById.GET, { apiKey: org.apiKey, params: { id: invoiceId } });
    expect(one.status).toBe(200);
    const message = one.json.message;
    expect(message.text).toContain('Please find the invoice attached.');
    expect(message.html).toContain('<b>attached</b>');
    expect(message.html).not.toMatch(/<script|onclick|tracker\.example|alert\(1\)/);
    expect(message.html).toContain('Content-Security-Policy');
    // The inline image travels inside the HTML (the sandboxed frame cannot fetch anything).
    expect(message.html).toContain(`<img src="data:image/png;base64,${pixel.toString('base64')}" />`);
    expect(message.attachments).toEqual([
      {
        id: expect.any(String),
        filename: 'facture été.pdf',
        contentType: 'application/pdf',
        size: 13,
        inline: false,
        contentId: null,
        url: `/api/v1/inbox/messages/${invoiceId}/attachments/${message.attachments[0].id}`,
      },
      expect.objectContaining({
        filename: 'logo.png',
        inline: true,
        contentId: 'logo@x',
        size: pixel.length,
      }),
    ]);
    expect(page1.json.messages[1].hasAttachments).toBe(true);
    const download = await callRoute(attachment.GET, {
      apiKey: org.apiKey,
      params: { id: invoiceId, attachmentId: message.attachments[0].id },
    });
    expect(download.status).toBe(200);
    expect(download.text).toBe('%PDF-1.4 test');
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="facture _t_.pdf"; filename*=UTF-8''facture%20%C3%A9t%C3%A9.pdf`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');

    // Read state: stored at once, and a job to write it back to the server.
    const read = await callRoute(messageById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: invoiceId },
      body: { seen: true },
    });
    expect(read.json.message).toMatchObject({ id: invoiceId, seen: true });
    const boss = await getSenderBoss();
    const jobs = await boss.findJobs(inboxFlagQueue.name, { data: { messageId: invoiceId } });
    expect(jobs.map((j) => j.data)).toEqual([{ messageId: invoiceId, seen: true }]);
    expect(await query('unread=true')).toEqual(['Quote request']);

    // Quarantine: the reason, and the message as fetched.
    const q = await callRoute(quarantine.GET, {
      apiKey: org.apiKey,
      path: `/api/v1/inbox/quarantine?integrationId=${support.id}`,
    });
    expect(q.json.quarantined).toEqual([
      expect.objectContaining({
        integrationId: support.id,
        subject: 'Too many parts',
        error: 'Could not be parsed: Max allowed child nodes exceeded',
        rawSize: parserBreakingMessage().length,
        rawUrl: `/api/v1/inbox/quarantine/${q.json.quarantined[0].id}/raw`,
      }),
    ]);
    const raw = await callRoute(quarantineRaw.GET, {
      apiKey: org.apiKey,
      params: { id: q.json.quarantined[0].id },
    });
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.text).toBe(parserBreakingMessage());

    // Test connection with the stored settings.
    const probe = await callRoute(integrationTest.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: sales.id },
    });
    expect(probe.json).toMatchObject({ ok: true, error: null, folders: [{ path: 'INBOX', messages: 1 }] });
  });

  it("answers 404 for another organisation's integrations, messages, attachments and quarantine", async () => {
    const owner = await createTestOrg(t.db);
    const intruder = await createTestOrg(t.db);
    const mailbox = await connect(owner, 'private@example.com', 'pw-private');
    await dovecot.append('private@example.com', 'pw-private', 'INBOX', [
      {
        raw: buildMessage({
          subject: 'Salaries',
          attachments: [{ filename: 'pay.csv', contentType: 'text/csv', content: Buffer.from('a,b') }],
        }),
      },
      { raw: parserBreakingMessage() },
    ]);
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
    const list = await callRoute(messages.GET, { apiKey: owner.apiKey });
    const msg = (
      await callRoute(messageById.GET, { apiKey: owner.apiKey, params: { id: list.json.messages[0].id } })
    ).json.message;
    const quarantined = (await callRoute(quarantine.GET, { apiKey: owner.apiKey })).json.quarantined[0];

    const key = intruder.apiKey;
    const id = mailbox.id;
    const responses = [
      await callRoute(integrationById.GET, { apiKey: key, params: { id } }),
      await callRoute(integrationById.PATCH, {
        method: 'PATCH',
        apiKey: key,
        params: { id },
        body: { name: 'mine' },
      }),
      await callRoute(integrationById.DELETE, { method: 'DELETE', apiKey: key, params: { id } }),
      await callRoute(integrationSync.POST, { method: 'POST', apiKey: key, params: { id } }),
      await callRoute(integrationTest.POST, { method: 'POST', apiKey: key, params: { id } }),
      await callRoute(messageById.GET, { apiKey: key, params: { id: msg.id } }),
      await callRoute(messageById.PATCH, {
        method: 'PATCH',
        apiKey: key,
        params: { id: msg.id },
        body: { seen: true },
      }),
      await callRoute(attachment.GET, {
        apiKey: key,
        params: { id: msg.id, attachmentId: msg.attachments[0].id },
      }),
      await callRoute(quarantineRaw.GET, { apiKey: key, params: { id: quarantined.id } }),
      await callRoute(integrationById.GET, { apiKey: key, params: { id: 'not-a-uuid' } }),
    ];
    expect(responses.map((r) => r.status)).toEqual(Array(responses.length).fill(404));
    expect(
      (await callRoute(messages.GET, { apiKey: key, path: `/api/v1/inbox/messages?integrationId=${id}` }))
        .json.messages,
    ).toEqual([]);
    expect((await callRoute(quarantine.GET, { apiKey: key })).json.quarantined).toEqual([]);
    expect((await callRoute(integrations.GET, { apiKey: key })).json.integrations).toEqual([]);
    // Nothing changed for the owner.
    const still = await callRoute(integrationById.GET, { apiKey: owner.apiKey, params: { id } });
    expect(still.json.integration.name).toBe('private@example.com');
    expect(
      (await callRoute(messageById.GET, { apiKey: owner.apiKey, params: { id: msg.id } })).json.message.seen,
    ).toBe(false);
  });

  it('documents the inbox operations in the OpenAPI document', async () => {
    const doc = (await callRoute(openapi.GET)).json;
    for (const [path, method] of [
      ['/api/v1/inbox/integrations', 'get'],
      ['/api/v1/inbox/integrations', 'post'],
      ['/api/v1/inbox/integrations/{id}', 'patch'],
      ['/api/v1/inbox/integrations/{id}/sync', 'post'],
      ['/api/v1/inbox/integrations/sync-all', 'post'],
      ['/api/v1/inbox/messages', 'get'],
      ['/api/v1/inbox/messages/{id}', 'get'],
      ['/api/v1/inbox/messages/{id}/attachments/{attachmentId}', 'get'],
      ['/api/v1/inbox/quarantine', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const create =
      doc.paths['/api/v1/inbox/integrations'].post.requestBody.content['application/json'].schema;
    expect(create.properties.security.enum).toEqual(['tls', 'starttls', 'none']);
    const params = doc.paths['/api/v1/inbox/messages'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['integrationId', 'q', 'cursor']));
  });

  it('inbox:sync syncs in-process for cron and exits 1 when a mailbox failed', async () => {
    const org = await createTestOrg(t.db);
    const good = await connect(org, 'cron-good@example.com', 'pw-good');
    const broken = await connect(org, 'cron-broken@example.com', 'pw-broken');
    await dovecot.append('cron-good@example.com', 'pw-good', 'INBOX', [
      { raw: buildMessage({ subject: 'by cron' }) },
    ]);
    await callRoute(integrationById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: broken.id },
      body: { password: 'not-the-password' },
    });
    const one = await cli(['inbox:sync', '--integration', good.id]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(
      new RegExp(`\\+ cron-good@example.com \\(${good.id}\\): success, 1 new, 0 already stored`),
    );
    const all = await cli(['inbox:sync', '--org', org.slug]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/cron-good@example.com .*: success, 0 new/);
    expect(all.stdout).toMatch(
      /x cron-broken@example.com .*: error: The server refused the username or password/,
    );
    expect(all.stdout).toContain('2 mailbox(es) synced, 1 failed.');
    const usage = await cli(['inbox:sync', '--integration', 'nope']);
    expect(usage.code).toBe(2);
  });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['bin/mailroom.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
