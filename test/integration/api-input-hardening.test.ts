// Hostile input at the REST edge, through the real route handlers and database: bounded bodies
// (413 without reading on), NUL characters (400 naming the field, never a database error), JSON
// typed strictly (no coercion, no unknown field, application/json only), 405/404/431 in the error
// shape, one senderId error for a run, CSV rows reported by their first line, and a failed query
// logged without its parameters.
process.env.LOG_LEVEL ??= 'warn';

import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { Zip, ZipDeflate } from 'fflate';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as catchAll from '@/app/api/v1/[[...path]]/route';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as messagesRoute from '@/app/api/v1/messages/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import * as senderById from '@/app/api/v1/senders/[id]/route';
import * as sendersRoute from '@/app/api/v1/senders/route';
import { JSON_BODY_LIMIT } from '@/lib/api/read-body';
import { outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { logOptions } from '@/lib/log';
import { createSender } from '@/lib/outbox/create-sender';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makePdf, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

const sender = { name: 'Preview', kind: 'preview', fromAddress: 'billing@acme.example' };

/** A chunked body (no Content-Length) of `total` bytes that counts what the server pulled. */
function countingBody(total: number, chunk = 64 * 1024, first = '{"name":"') {
  const state = { pulled: 0, done: false };
  const filler = new Uint8Array(chunk).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) {
          state.done = true;
          controller.close();
          return;
        }
        const bytes = state.pulled === 0 ? new TextEncoder().encode(first) : filler;
        state.pulled += bytes.byteLength;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function rawRequest(path: string, org: TestOrg, init: RequestInit & { duplex?: 'half' }) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${org.apiKey}`);
  return new Request(`http://localhost${path}`, { method: 'POST', duplex: 'half', ...init, headers });
}

const noParams = { params: Promise.resolve({}) };

describe('bounded bodies', () => {
  it('refuses a JSON body past its limit with 413, reading no further (chunked or declared)', async () => {
    const org = await createTestOrg(t.db);
    const { stream, state } = countingBody(50 * 1024 * 1024);
    const res = await sendersRoute.POST(
      rawRequest('/api/v1/senders', org, { body: stream, headers: { 'content-type': 'application/json' } }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    // It stopped at the limit: 1 MB and one chunk, not the 50 MB offered.
    expect(state.pulled).toBeLessThanOrEqual(JSON_BODY_LIMIT + 2 * 64 * 1024);
    expect(state.done).toBe(false);

    const declared = countingBody(2 * 1024 * 1024);
    const refused = await sendersRoute.POST(
      rawRequest('/api/v1/senders', org, {
        body: declared.stream,
        headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
      }),
      noParams,
    );
    expect(refused.status).toBe(413);
    expect(declared.state.pulled).toBe(0);
  });

  it('refuses an upload past 512 MB by its declared length without reading it, and keeps smaller ones', async () => {
    const org = await createTestOrg(t.db);
    const { stream, state } = countingBody(600 * 1024 * 1024);
    const res = await importRoute.POST(
      rawRequest('/api/v1/invoices/import', org, {
        body: stream,
        headers: { 'content-type': 'application/zip', 'content-length': String(600 * 1024 * 1024) },
      }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(state.pulled).toBe(0);

    // A multipart upload still goes through the temporary file and the parser.
    const batch = makeInvoiceBatch(2);
    const ok = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'm.csv': batch.manifest, ...batch.files }),
    });
    expect(ok.json).toEqual({ imported: 2, errors: [] });
  });
});

describe('ZIPs unpacked as a stream', () => {
  it('stops a ZIP whose file inflates past its limit, whatever sizes its headers claim', async () => {
    const org = await createTestOrg(t.db);
    // Written as a stream: the local headers carry no sizes (a data descriptor follows the data).
    const parts: Uint8Array[] = [];
    const zip = new Zip((_error, chunk) => parts.push(chunk));
    const manifest = new ZipDeflate('m.csv');
    zip.add(manifest);
    manifest.push(new TextEncoder().encode('client_code;client_name;period;recipients;file_name\n'), true);
    const bomb = new ZipDeflate('bomb.pdf', { level: 9 });
    zip.add(bomb);
    for (let i = 0; i < 30; i++) bomb.push(new Uint8Array(1024 * 1024), i === 29);
    zip.end();
    const res = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: new Blob(parts as BlobPart[]),
      headers: { 'content-type': 'application/zip' },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toBe('bomb.pdf is larger than 25 MB.');
  });
});

describe('NUL characters', () => {
  it('answers 400 naming the field, in a body, a batch, a query, a path and a CSV cell', async () => {
    const org = await createTestOrg(t.db);
    const body = await callRoute(sendersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { ...sender, name: 'Pre\u0000view' },
    });
    expect(body.status).toBe(400);
    expect(body.json.error.details).toEqual([
      { path: 'name', message: 'must not contain the NUL character (\\u0000)' },
    ]);

    const batch = await callRoute(messagesRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        messages: [
          { to: 'a@b.example', subject: 'ok', text: 'x' },
          { to: 'a@b.example', text: 'a\u0000' },
        ],
      },
    });
    expect(batch.status).toBe(400);
    expect(batch.json.error.details[0].path).toBe('messages.1.text');

    const query = await callRoute(messagesRoute.GET, { apiKey: org.apiKey, path: '/api/v1/messages?q=%00' });
    expect(query.status).toBe(400);
    expect(query.json.error.details[0].path).toBe('q');

    const path = await callRoute(senderById.GET, { apiKey: org.apiKey, params: { id: 'x\u0000' } });
    expect(path.status).toBe(400);
    expect(path.json.error.details[0].path).toBe('id');

    const csv =
      'client_code;client_name;period;recipients;file_name\nA1;Bad\u0000Name;2025-01;a@b.example;a.pdf\n';
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'm.csv': csv, 'a.pdf': makePdf('a') }),
    });
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({
      imported: 0,
      errors: [{ row: 2, message: 'must not contain the NUL character (\\u0000)' }],
    });
    expect(await t.db.$count(outboxMessages)).toBe(0);
  });
});

describe('JSON typed strictly', () => {
  it('refuses coerced numbers, unknown fields and other media types; query strings still coerce', async () => {
    const org = await createTestOrg(t.db);
    const post = (body: unknown, headers?: Record<string, string>) =>
      callRoute(sendersRoute.POST, { method: 'POST', apiKey: org.apiKey, body, headers });
    const sendersBefore = await t.db.$count(senderAccounts, eq(senderAccounts.orgId, org.id));
    const smtp = { name: 'Relay', fromAddress: 'a@acme.example', host: 'smtp.acme.example', security: 'tls' };

    for (const port of [true, [7], '587', null]) {
      const res = await post({ ...smtp, port });
      expect(res.status, JSON.stringify(port)).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('port');
    }
    const unknown = await post({ ...sender, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([{ path: 'colour', message: 'is not a known field' }]);
    const nested = await callRoute(messagesRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { to: 'a@b.example', text: 'x', attachments: [{ filename: 'a.txt', content: 'YQ==', size: 1 }] },
    });
    expect(nested.status).toBe(400);
    expect(nested.json.error.details).toEqual([
      { path: 'attachments.0.size', message: 'is not a known field' },
    ]);
    expect(await t.db.$count(senderAccounts, eq(senderAccounts.orgId, org.id))).toBe(sendersBefore);

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const res = await post(JSON.stringify(sender), { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(res.json.error.code).toBe('unsupported_media_type');
    }
    const good = await post(sender);
    expect(good.status).toBe(201);

    const listed = await callRoute(messagesRoute.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/messages?limit=5',
    });
    expect(listed.status).toBe(200);
  });
});

describe('answers in the error shape', () => {
  it('405 with Allow for a method a path does not take, 404 for an unknown path, 431 for a long query', async () => {
    const org = await createTestOrg(t.db);
    const put = await callRoute(senderById.PUT, { method: 'PUT', apiKey: org.apiKey, params: { id: 'x' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE, HEAD');
    expect(put.json.error).toMatchObject({ code: 'method_not_allowed' });

    const unknown = await callRoute(catchAll.GET, { path: '/api/v1/nothing/here' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({
      code: 'not_found',
      message: 'No API operation at /api/v1/nothing/here.',
    });

    const long = await callRoute(messagesRoute.GET, {
      apiKey: org.apiKey,
      path: `/api/v1/messages?q=${'a'.repeat(9000)}`,
    });
    expect(long.status).toBe(431);
    expect(long.json.error.code).toBe('request_header_too_large');
  });
});

describe('runs and manifests', () => {
  it("answers one senderId error for another organisation's sender, however many invoices match", async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(30);
    await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'i.zip': makeZip(batch.manifest, batch.files) }),
    });
    const foreign = await createSender(t.db, other.ctx, sender as never);
    const res = await callRoute(runsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { kind: 'invoices', senderId: foreign.id, subject: 'Invoice', body: 'Hello' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { path: 'senderId', message: 'is not a sender account of this organisation' },
    ]);
  });

  it('reports a row whose quoted cell spans several lines by its first line', async () => {
    const org = await createTestOrg(t.db);
    const csv = [
      'client_code;client_name;period;recipients;file_name',
      '',
      'A1;"Acme',
      'Two lines";2025-01;a@b.example;a.pdf',
      'A2;"Bad',
      '',
      'period";2025-13;a@b.example;a.pdf',
      'A3;Fine;2025-01;nobody;a.pdf',
    ].join('\r\n');
    const res = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'm.csv': csv, 'a.pdf': makePdf('a') }),
    });
    expect(res.json.errors.map((e: { row: number }) => e.row)).toEqual([3, 5, 8]);
    expect(res.json.errors[0].message).toMatch(/line break/);
  });
});

describe('logs', () => {
  it('logs a failed query by its statement and error, never its parameters', async () => {
    const secret = `sealed-${'s'.repeat(5000)}`;
    const error = await t.db
      .execute(
        sql`insert into credentials (org_id, kind, provider, status_reason, secret_sealed) values (${crypto.randomUUID()}, 'password', ${'a\u0000b'}, ${'x@y.example'}, ${secret})`,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const lines: string[] = [];
    const logger = pino(
      { ...logOptions, level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    logger.error({ err: error }, 'unhandled error in route handler');
    const line = lines.join('');
    expect(line).not.toContain('sealed-');
    expect(line).not.toContain('x@y.example');
    const logged = JSON.parse(line).err;
    expect(logged.statement).toBe('insert credentials');
    expect(logged.cause.code).toBe('22021');
    expect(logged.cause.message).toMatch(/invalid byte sequence/);
  });
});

describe('the OpenAPI document', () => {
  it('describes the import body (multipart or ZIP), the event stream, and strict JSON bodies', async () => {
    const { json: doc } = await callRoute(openapiRoute.GET);
    const upload = doc.paths['/api/v1/invoices/import'].post;
    expect(Object.keys(upload.requestBody.content).sort()).toEqual([
      'application/zip',
      'multipart/form-data',
    ]);
    expect(upload.requestBody.content['application/zip'].schema).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(upload.responses['415']).toBeDefined();

    const events = doc.paths['/api/v1/runs/{id}/events'].get.responses['200'].content;
    expect(Object.keys(events)).toEqual(['text/event-stream']);
    expect(events['text/event-stream']['x-event-data'].properties.kind.enum).toEqual([
      'start',
      'progress',
      'error',
      'complete',
    ]);

    const sender = doc.paths['/api/v1/senders'].post.requestBody.content['application/json'].schema;
    expect(sender.additionalProperties).toBe(false);
    expect(doc.paths['/api/v1/senders'].post.responses['413']).toBeDefined();
  });
});
