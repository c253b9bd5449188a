// The REST API attacked over real HTTP, against a production build (`next start`) of its own:
// every operation of the OpenAPI document fuzzed with hostile values (zero 5xx, the error shape on
// every 4xx), and oversized chunked bodies refused early with the web process's memory flat.

import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from '../helpers/app-server';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let app: AppServer;
let org: TestOrg;

beforeAll(async () => {
  app = await startApp(t.url);
  org = await createTestOrg(t.db);
});
afterAll(async () => {
  await app?.stop();
});

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  [key: string]: unknown;
};
type OpenApiOperation = {
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Routes a provider calls (delivery reports, replies): they accept unknown fields. */
const providerCallbacks = new Set(['/api/v1/sms/brevo/{token}']);
const uuid = '00000000-0000-4000-8000-000000000000';

/** A body each JSON operation accepts, to which one hostile change at a time is made. */
const validBodies: Record<string, unknown> = {
  'POST /api/v1/api-keys': { name: 'fuzz' },
  'POST /api/v1/senders': { name: 'Fuzz', kind: 'preview', fromAddress: 'fuzz@acme.example' },
  'PATCH /api/v1/senders/{id}': { name: 'Fuzz' },
  'POST /api/v1/messages': { to: 'a@b.example', subject: 'Hi', text: 'Hello' },
  'POST /api/v1/sms': { to: '+33612345678', text: 'Bonjour' },
  'PATCH /api/v1/messages/{id}': { subject: 'Hi' },
  'POST /api/v1/runs': { kind: 'invoices', senderId: uuid, subject: 'Invoice', body: 'Hello' },
  'POST /api/v1/inbox/integrations': {
    name: 'Fuzz',
    host: '127.0.0.1',
    port: 1,
    security: 'none',
    username: 'u',
    password: 'p',
  },
  'PATCH /api/v1/inbox/integrations/{id}': { name: 'Fuzz' },
  'POST /api/v1/inbox/integrations/test': {
    host: '127.0.0.1',
    port: 1,
    security: 'none',
    username: 'u',
    password: 'p',
  },
  'PATCH /api/v1/inbox/messages/{id}': { seen: true },
  'PATCH /api/v1/outbox/settings': { maxAttempts: 3 },
  'POST /api/v1/invitations': { email: 'new@acme.example', role: 'member' },
  'POST /api/v1/broadcasts': { channels: ['email'], contactIds: [uuid], subject: 'Hi', content: 'Hello' },
  'PATCH /api/v1/broadcasts/{id}': { subject: 'Hi' },
  'POST /api/v1/broadcasts/preview': { channels: ['email'], groupIds: [uuid] },
  'POST /api/v1/broadcasts/{id}/mark-as-read': { contactId: uuid },
  'PATCH /api/v1/broadcasts/settings': { perPersonTracking: true },
};

const hostileValues: unknown[] = [
  'a\u0000b',
  '\u0000',
  true,
  [7],
  '7',
  {},
  null,
  -1,
  1e308,
  'x'.repeat(200_000),
  { nested: 'a\u0000' },
  ['a\u0000'],
];
const hostileQueryValues = ['%00', 'a%00b', '%FF', 'x'.repeat(7000), '-1', 'true', '%5B7%5D'];
const hostileSegments = ['%00', '%FF', 'a%00b', 'x'.repeat(3000), '%2e%2e', uuid];

type Outcome = { what: string; status: number; body: string; contentType: string | null };

async function call(
  method: string,
  path: string,
  init: { body?: BodyInit; contentType?: string | null; auth?: boolean } = {},
): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (init.auth !== false) headers.authorization = `Bearer ${org.apiKey}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const body = method === 'GET' ? undefined : init.body;
  const res = await fetch(`${app.baseUrl}${path}`, { method, headers, body });
  return {
    what: `${method} ${path.slice(0, 200)}`,
    status: res.status,
    body: await res.text(),
    contentType: res.headers.get('content-type'),
  };
}

/** What is wrong with an answer: a 5xx, or a 4xx not in the error shape. */
function problem(o: Outcome): string | undefined {
  if (o.status >= 500) return `${o.what} → ${o.status} ${o.body.slice(0, 300)}`;
  if (o.status < 400) return undefined;
  let json: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    json = JSON.parse(o.body);
  } catch {
    return `${o.what} → ${o.status} not JSON (${o.contentType}): ${o.body.slice(0, 200)}`;
  }
  const e = json.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string') {
    return `${o.what} → ${o.status} not the error shape: ${o.body.slice(0, 200)}`;
  }
  if (
    e.details !== undefined &&
    !(
      Array.isArray(e.details) &&
      e.details.every((d) => typeof d?.path === 'string' && typeof d?.message === 'string')
    )
  ) {
    return `${o.what} → ${o.status} details not [{ path, message }]: ${o.body.slice(0, 200)}`;
  }
  return undefined;
}

function fill(template: string, segment: string) {
  return template.replace(/\{\w+\}/g, segment);
}

/** Route files that exist, as OpenAPI paths: every one must be documented (so it is fuzzed). */
function routeFilePaths(dir = 'app/api/v1', prefix = '/api/v1'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // The catch-all answers unknown paths; the document does not describe itself.
      if (entry.name.startsWith('[[...') || entry.name === 'openapi.json') continue;
      const segment = entry.name.replace(/^\[(\w+)\]$/, '{$1}');
      out.push(...routeFilePaths(`${dir}/${entry.name}`, `${prefix}/${segment}`));
    } else if (entry.name === 'route.ts') {
      const source = readFileSync(`${dir}/${entry.name}`, 'utf8');
      for (const m of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE) =/gm)) {
        out.push(`${m[1]} ${prefix}`);
      }
    }
  }
  return out;
}

describe('every operation of the OpenAPI document, fuzzed', () => {
  it('documents every route and method there is', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routeFilePaths().sort());
  });

  it('answers hostile values with no 5xx, and every 4xx in the error shape', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    const problems: string[] = [];
    let calls = 0;
    const check = async (outcome: Promise<Outcome>) => {
      const o = await outcome;
      calls++;
      const p = problem(o);
      if (p) problems.push(p);
      return o;
    };

    for (const [template, ops] of Object.entries(doc.paths)) {
      const path = fill(template, uuid);
      // Wrong methods: 405 with Allow, in the error shape.
      for (const method of METHODS.filter((m) => !(m.toLowerCase() in ops))) {
        const o = await check(call(method, path, { body: '{}', contentType: 'application/json' }));
        if (o.status !== 405) problems.push(`${o.what} → ${o.status}, expected 405`);
      }
      for (const [lower, op] of Object.entries(ops)) {
        const method = lower.toUpperCase();
        const key = `${method} ${template}`;
        const jsonBody = op.requestBody?.content['application/json'];
        const base = validBodies[key] ?? {};
        const send = (p: string, body?: unknown) =>
          check(
            call(
              method,
              p,
              body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' },
            ),
          );

        // Path segments: NUL, undecodable bytes, very long, dot segments.
        if (template.includes('{')) {
          for (const segment of hostileSegments)
            await send(fill(template, segment), jsonBody ? base : undefined);
        }
        // Query parameters, one hostile value at a time (and repeated).
        for (const param of op.parameters.filter((p) => p.in === 'query')) {
          for (const value of hostileQueryValues) {
            await send(`${path}?${param.name}=${value}`);
            await send(`${path}?${param.name}=${value}&${param.name}=${value}`);
          }
        }
        // No API key at all.
        await check(call(method, path, { auth: false }));

        if (jsonBody) {
          // Each documented field, each hostile value; then unknown fields and the wrong framing.
          for (const field of Object.keys(jsonBody.schema.properties ?? {})) {
            for (const value of hostileValues) await send(path, { ...(base as object), [field]: value });
          }
          const unknown = await send(path, { ...(base as object), zzUnknown: 1 });
          // A provider's callback takes the fields the provider adds over the years; ours are strict.
          if (
            !providerCallbacks.has(template) &&
            (unknown.status !== 400 || !unknown.body.includes('zzUnknown'))
          ) {
            problems.push(
              `${unknown.what} with an unknown field → ${unknown.status} ${unknown.body.slice(0, 200)}`,
            );
          }
          await send(path, 'a\u0000');
          await send(path, [base]);
          const noType = await check(
            call(method, path, { body: new TextEncoder().encode(JSON.stringify(base)) }),
          );
          if (noType.status !== 415)
            problems.push(`${noType.what} without a content type → ${noType.status}`);
          await check(call(method, path, { body: JSON.stringify(base), contentType: 'text/plain' }));
          await check(call(method, path, { body: '{"a":', contentType: 'application/json' }));
          await check(call(method, path, { body: '\u0000', contentType: 'application/json' }));
          await check(call(method, path, { body: '[[[[[[[[[[', contentType: 'application/json' }));
          await check(
            call(method, path, {
              body: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`,
              contentType: 'application/json',
            }),
          );
        }
        if (op.requestBody && !jsonBody) {
          // Uploads: every wrong framing.
          for (const contentType of [
            null,
            'text/plain',
            'application/json',
            'multipart/form-data',
            'multipart/form-data; boundary=x',
            'application/zip',
          ]) {
            await check(
              call(method, path, {
                body: new TextEncoder().encode('PK\u0003\u0004\u0000garbage'),
                contentType,
              }),
            );
          }
          const nulName = new FormData();
          nulName.append('files', new File(['client_code\n'], 'a\u0000.csv'));
          await check(call(method, path, { body: nulName }));
        }
      }
    }
    // Unknown paths, with and without a key.
    for (const p of ['/api/v1/nothing', '/api/v1/%FF', '/api/v1/senders/x/y/z', '/api/v1/%00']) {
      for (const method of METHODS) {
        const o = await check(call(method, p));
        if (o.status !== 404 && o.status !== 400)
          problems.push(`${o.what} → ${o.status}, expected 404 or 400`);
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

/** Resident memory of a process and its descendants, in bytes (Linux /proc). */
function rssOfTree(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/**
 * Sends `total` bytes as a chunked body over a raw socket until the server answers or closes.
 * Returns the bytes the socket accepted and the answer's status line and body.
 */
async function sendChunked(path: string, contentType: string, total: number, auth = true) {
  const { port } = new URL(app.baseUrl);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  let answered = false;
  let closed = false;
  socket.on('data', (d) => {
    answer += d.toString('latin1');
    answered = true;
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
  });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\n${auth ? `Authorization: Bearer ${org.apiKey}\r\n` : ''}` +
      `Content-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`,
  );
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  let sent = 0;
  while (sent < total && !answered && !closed) {
    const flushed = socket.write(frame);
    sent += chunk.length;
    if (!flushed) {
      // The server stopped reading: wait for room, its answer or the close.
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        socket.once('drain', done);
        socket.once('close', done);
        const poll = setInterval(() => {
          if (answered) {
            clearInterval(poll);
            resolve();
          }
        }, 50);
        socket.once('drain', () => clearInterval(poll));
        socket.once('close', () => clearInterval(poll));
      });
    }
  }
  const accepted = sent - socket.writableLength;
  if (!answered && !closed) socket.write('0\r\n\r\n');
  // The answer (and the close that follows a 413), or 10 s.
  for (let i = 0; i < 200 && !closed && !(answered && answer.includes('\r\n\r\n')); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 200));
  socket.destroy();
  const [head, body = ''] = answer.split('\r\n\r\n');
  return { accepted, status: Number(head?.split(' ')[1]), head: head ?? '', body };
}

describe('oversized chunked bodies', () => {
  it('refuses a 600 MB chunked import at 512 MB with a 413, the web process staying flat', async () => {
    const pid = app.web.pid!;
    // Load the route and its libraries first: that is not the upload's memory.
    const warmUp = await sendChunked('/api/v1/invoices/import', 'application/zip', 4 * 1024 * 1024);
    expect(warmUp.status).toBe(422);
    const before = rssOfTree(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOfTree(pid));
    }, 100);
    const result = await sendChunked('/api/v1/invoices/import', 'application/zip', 600 * 1024 * 1024);
    clearInterval(sampler);
    peak = Math.max(peak, rssOfTree(pid));

    console.info(
      `600 MB chunked import: ${(result.accepted / 1048576).toFixed(0)} MB taken by the socket, web RSS ` +
        `${(before / 1048576).toFixed(0)} → peak ${(peak / 1048576).toFixed(0)} MB`,
    );
    expect(result.status).toBe(413);
    expect(result.head.toLowerCase()).toContain('connection: close');
    expect(result.body).toContain('"payload_too_large"');
    // It read up to the limit and no further (socket buffers aside).
    expect(result.accepted).toBeLessThan(512 * 1024 * 1024 + 32 * 1024 * 1024);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a 600 MB chunked JSON body after about 1 MB, every time', async () => {
    // Repeated: without the lingering close (lib/net/lingering-close.ts) about one try in twenty
    // lost its answer to the connection reset; one try alone let that pass most runs.
    for (let i = 0; i < 20; i++) {
      const result = await sendChunked('/api/v1/senders', 'application/json', 600 * 1024 * 1024);
      if (i === 0) {
        console.info(`600 MB chunked JSON: ${(result.accepted / 1048576).toFixed(1)} MB taken by the socket`);
      }
      expect(result.status, `try ${i + 1}`).toBe(413);
      expect(result.body).toContain('"payload_too_large"');
      expect(result.accepted).toBeLessThan(32 * 1024 * 1024);
    }
  });

  it('does not drain a body it refuses before reading (no API key, wrong method)', async () => {
    const anonymous = await sendChunked(
      '/api/v1/invoices/import',
      'application/zip',
      600 * 1024 * 1024,
      false,
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.head.toLowerCase()).toContain('connection: close');
    expect(anonymous.accepted).toBeLessThan(32 * 1024 * 1024);
    const wrongMethod = await sendChunked('/api/v1/invoices', 'application/json', 600 * 1024 * 1024);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.accepted).toBeLessThan(32 * 1024 * 1024);
  });
});
