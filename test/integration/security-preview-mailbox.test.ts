// Who may read the system preview mailbox, decided from the TCP socket the way the web process
// does it (instrumentation.ts tags each request from Node's http.server.request.start channel):
// a real HTTP server here, reached from loopback and from this machine's non-loopback address,
// with every header an attacker could forge. The end-to-end test checks the same through Next.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInMailProblem } from '@/lib/auth/sign-in-mail-problem';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';
import { parseEnv } from '@/lib/env';
import { tagRequestsWithPeerAddress } from '@/lib/net/client-address';
import { externalAddress } from '../helpers/external-address';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db', MAILROOM_SECRET_KEY: 'ab'.repeat(32) };
const devEnv = parseEnv({ ...base, NODE_ENV: 'development', APP_URL: 'http://localhost:3000' });

let server: http.Server;
let port: number;
let env = devEnv;

beforeAll(async () => {
  tagRequestsWithPeerAddress();
  server = http.createServer((req, res) => {
    const headers = new Headers(req.headers as Record<string, string>);
    res.end(canReadSystemMailbox(headers, env) ? 'visible' : 'hidden');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function ask(from: string, headers: Record<string, string> = {}, to = from): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: to,
        port,
        path: '/mailbox',
        localAddress: from,
        headers: { host: `localhost:${port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('system preview mailbox access', () => {
  it('is visible from loopback in development', async () => {
    env = devEnv;
    expect(await ask('127.0.0.1')).toBe('visible');
  });

  it('is hidden from another address, whatever headers claim', async () => {
    env = devEnv;
    const other = externalAddress();
    expect(await ask(other)).toBe('hidden');
    const forgeries: Record<string, string>[] = [
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-real-ip': '127.0.0.1' },
      { forwarded: 'for=127.0.0.1' },
      { 'x-mailroom-peer': 'deadbeefdeadbeefdeadbeefdeadbeef direct 127.0.0.1' },
      { host: '127.0.0.1' },
    ];
    for (const forged of forgeries) {
      expect(await ask(other, forged), JSON.stringify(forged)).toBe('hidden');
    }
  });

  it('is hidden from loopback when a relay (reverse proxy) forwarded the request, or for a foreign Host', async () => {
    env = devEnv;
    expect(await ask('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).toBe('hidden');
    expect(await ask('127.0.0.1', { via: '1.1 proxy' })).toBe('hidden');
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1.
    expect(await ask('127.0.0.1', { host: `evil.example:${port}` })).toBe('hidden');
  });

  it('is hidden when SMTP is configured, and in production unless MAILROOM_PREVIEW_MAIL=true', async () => {
    env = parseEnv({ ...base, NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.test:587' });
    expect(await ask('127.0.0.1')).toBe('hidden');
    env = parseEnv({ ...base, NODE_ENV: 'production' });
    expect(await ask('127.0.0.1')).toBe('hidden');
    env = parseEnv({ ...base, NODE_ENV: 'production', MAILROOM_PREVIEW_MAIL: 'true' });
    expect(await ask('127.0.0.1')).toBe('visible');
    expect(await ask(externalAddress())).toBe('hidden');
  });

  it("Next's own re-request (a server action's redirect) keeps the original client's verdict", async () => {
    env = devEnv;
    // The server relays a request it received to itself, headers and all, the way Next renders
    // the page a server action redirects to.
    const relay = http.createServer((req, res) => {
      const inner = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/mailbox',
          headers: { ...req.headers, 'x-forwarded-for': '1.2.3.4' },
        },
        (r) => r.pipe(res),
      );
      inner.end();
    });
    await new Promise<void>((resolve) => relay.listen(0, '0.0.0.0', resolve));
    const relayPort = (relay.address() as AddressInfo).port;
    const via = (from: string) =>
      new Promise<string>((resolve, reject) => {
        http
          .get(
            { host: from, port: relayPort, localAddress: from, headers: { host: `localhost:${port}` } },
            (res) => {
              let body = '';
              res.on('data', (c) => {
                body += c;
              });
              res.on('end', () => resolve(body));
            },
          )
          .on('error', reject);
      });
    try {
      expect(await via('127.0.0.1')).toBe('visible');
      expect(await via(externalAddress())).toBe('hidden');
    } finally {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it('a header without the process nonce is never trusted (requests before the listener existed)', () => {
    const forged = new Headers({ host: 'localhost:3000', 'x-mailroom-peer': 'x direct 127.0.0.1' });
    expect(canReadSystemMailbox(forged, devEnv)).toBe(false);
    expect(canReadSystemMailbox(new Headers({ host: 'localhost:3000' }), devEnv)).toBe(false);
  });
});

describe('start-up check', () => {
  it('production without SMTP names SMTP_URL, MAILROOM_PREVIEW_MAIL and the CLI link', () => {
    const problem = signInMailProblem(parseEnv({ ...base, NODE_ENV: 'production' }));
    expect(problem).toMatch(/SMTP_URL/);
    expect(problem).toMatch(/MAILROOM_PREVIEW_MAIL=true/);
    expect(problem).toMatch(/signin:link/);
    expect(
      signInMailProblem(parseEnv({ ...base, NODE_ENV: 'production', MAILROOM_PREVIEW_MAIL: 'true' })),
    ).toBeNull();
    expect(
      signInMailProblem(parseEnv({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://m.example:25' })),
    ).toBeNull();
    expect(signInMailProblem(parseEnv({ ...base, NODE_ENV: 'development' }))).toBeNull();
  });
});
