// "Test connection" (sender verify, mailbox test) must not be a port scanner: before an SMTP/IMAP
// server has greeted us, a closed port and a port where something else answers read the same, and
// nothing but SMTP/IMAP answers is echoed. MAILROOM_ALLOW_PRIVATE_HOSTS=false keeps sender and
// mailbox hosts out of the server's own network, at save and at connect.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as senderVerify from '@/app/api/v1/senders/[id]/verify/route';
import * as senders from '@/app/api/v1/senders/route';
import { resetEnvCache } from '@/lib/env';
import { createIntegration } from '@/lib/inbox/create-integration';
import { testConnection } from '@/lib/inbox/test-connection';
import { createSmtpTransport } from '@/lib/mail/transports/smtp';
import { TransportError } from '@/lib/mail/transports/transport';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { sinkSenderInput } from '../helpers/outbox';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const BANNER = 'SSH-2.0-OpenSSH_9.2p1 internal-build-server';

/** A TCP server that is not SMTP or IMAP: it greets with another protocol's banner and counts. */
async function startForeignServer() {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.write(`${BANNER}\r\n`);
    setTimeout(() => socket.end(), 200);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function allowPrivateHosts(value: 'true' | 'false') {
  process.env.MAILROOM_ALLOW_PRIVATE_HOSTS = value;
  resetEnvCache();
}

let sink: SmtpSink;
let foreign: Awaited<ReturnType<typeof startForeignServer>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  foreign = await startForeignServer();
});
afterAll(async () => {
  await sink.close();
  await foreign.close();
});
afterEach(() => {
  delete process.env.MAILROOM_ALLOW_PRIVATE_HOSTS;
  resetEnvCache();
});

describe('connection tests say only "could not connect" before a greeting', () => {
  it('sender verify: a closed port and a foreign service read the same; SMTP answers are echoed', async () => {
    const org = await createTestOrg(t.db);
    const verify = async (overrides: Record<string, unknown>) => {
      const created = await callRoute(senders.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: sinkSenderInput(sink, overrides),
      });
      expect(created.status).toBe(201);
      const res = await callRoute(senderVerify.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        params: { id: created.json.sender.id },
      });
      return res.json as { ok: boolean; message: string };
    };
    const closed = await verify({ port: await closedPort() });
    const other = await verify({ port: foreign.port });
    expect(foreign.connections()).toBeGreaterThan(0);
    for (const r of [closed, other]) {
      expect(r.ok).toBe(false);
      expect(r.message).not.toContain('SSH');
      expect(r.message).not.toMatch(/refused|timed? ?out|greeting|ECONN/i);
    }
    expect(other.message.replace(/:\d+/, ':PORT')).toBe(closed.message.replace(/:\d+/, ':PORT'));
    expect(other.message).toMatch(/^Could not connect to 127\.0\.0\.1:\d+: no SMTP server answered there/);

    // A real SMTP server: its own words come back, on success and on a refused sign-in.
    const good = await verify({});
    expect(good.ok).toBe(true);
    expect(good.message).toMatch(/The server said: 220 /);
    const refused = await verify({ password: 'wrong' });
    expect(refused.message).toContain('535');
  });

  it('mailbox test: a closed port and a foreign service read the same', async () => {
    const base = { host: '127.0.0.1', security: 'none' as const, username: 'u@example.test', password: 'pw' };
    const closed = await testConnection({ ...base, port: await closedPort() });
    const before = foreign.connections();
    const other = await testConnection({ ...base, port: foreign.port });
    expect(foreign.connections()).toBe(before + 1);
    for (const r of [closed, other]) {
      expect(r.ok).toBe(false);
      expect(r.error).not.toContain('SSH');
      expect(r.error).not.toMatch(/refused|timed? ?out|greeting|closed the connection/i);
    }
    expect(other.error!.replace(/:\d+/, ':PORT')).toBe(closed.error!.replace(/:\d+/, ':PORT'));
    expect(other.error).toMatch(/no IMAP server answered there/);
  });
});

describe('MAILROOM_ALLOW_PRIVATE_HOSTS=false', () => {
  it('refuses loopback, private, link-local and own addresses (also behind a name) when saving', async () => {
    allowPrivateHosts('false');
    const org = await createTestOrg(t.db);
    for (const host of [
      '127.0.0.1',
      'localhost',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '[::1]',
      '::ffff:127.0.0.1',
      'fd00::1',
      'fe80::1',
      '0.0.0.0',
    ]) {
      const res = await callRoute(senders.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: sinkSenderInput(sink, { host }),
      });
      expect(res.status, host).toBe(400);
      expect(res.json.error.details[0].path).toBe('host');
      // (The sender form takes no IPv6 literals at all; those are refused as host names.)
      expect(res.json.error.details[0].message).toMatch(
        host.includes(':')
          ? /MAILROOM_ALLOW_PRIVATE_HOSTS=false|is not a host name/
          : /MAILROOM_ALLOW_PRIVATE_HOSTS=false/,
      );
    }
    // A public address is fine (nothing connects to it here).
    const ok = await callRoute(senders.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: sinkSenderInput(sink, { host: '203.0.113.9' }),
    });
    expect(ok.status).toBe(201);

    await expect(
      createIntegration(t.db, org.ctx, {
        kind: 'imap',
        name: 'Internal',
        host: 'localhost',
        port: 993,
        security: 'tls',
        username: 'u@example.test',
        password: 'pw',
      }),
    ).rejects.toMatchObject({ status: 400, details: [{ path: 'host' }] });
  });

  it('and before connecting: verify, mailbox test and sending never open a connection there', async () => {
    const org = await createTestOrg(t.db);
    // Saved while private hosts were allowed (or before the setting changed).
    const created = await callRoute(senders.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: sinkSenderInput(sink, { port: foreign.port }),
    });
    expect(created.status).toBe(201);
    allowPrivateHosts('false');
    const before = foreign.connections();

    const verified = await callRoute(senderVerify.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: created.json.sender.id },
    });
    expect(verified.json.ok).toBe(false);
    expect(verified.json.message).toMatch(/MAILROOM_ALLOW_PRIVATE_HOSTS=false/);

    const tested = await testConnection({
      host: '127.0.0.1',
      port: foreign.port,
      security: 'none',
      username: 'u@example.test',
      password: 'pw',
    });
    expect(tested.error).toMatch(/MAILROOM_ALLOW_PRIVATE_HOSTS=false/);

    const transport = createSmtpTransport({ host: '127.0.0.1', port: foreign.port, security: 'none' });
    const sent = await transport
      .send({
        messageId: '<probe@example.test>',
        from: { address: 'a@example.test' },
        to: [{ address: 'b@example.test' }],
        cc: [],
        bcc: [],
        subject: 'x',
        text: 'x',
        headers: {},
        attachments: [],
      })
      .catch((e) => e);
    transport.close();
    expect(sent).toBeInstanceOf(TransportError);
    expect(sent.kind).toBe('permanent');
    expect(foreign.connections()).toBe(before);
  });
});
