// Credentials kept apart from the accounts that use them: sealed at rest (read raw from the row),
// validated per kind when read, one resolver (with the seam for renewing OAuth grants: one renewal
// at a time, a refused grant marks the credential), sender accounts and mailboxes signing in
// through them (password, or an access token over XOAUTH2) against a real SMTP server and a real
// Dovecot, and the worker's pooled transport picking up an edited password, or a renewed XOAUTH2
// access token, without being rebuilt.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';

import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messages from '@/app/api/v1/messages/route';
import * as senderById from '@/app/api/v1/senders/[id]/route';
import { GrantRevokedError, registerCredentialRefresher } from '@/lib/credentials/credential-refreshers';
import { CredentialError, sealSecret } from '@/lib/credentials/credential-secret';
import { CredentialNeedsReconnectError, resolveCredential } from '@/lib/credentials/resolve-credential';
import { saveCredential } from '@/lib/credentials/save-credential';
import { credentials } from '@/lib/db/schema/credentials';
import { outboxMessages, type SenderAccount, senderAccounts } from '@/lib/db/schema/outbox';
import { createIntegration } from '@/lib/inbox/create-integration';
import { deleteIntegration } from '@/lib/inbox/delete-integration';
import { testIntegrationConnection } from '@/lib/inbox/test-connection';
import { updateIntegration } from '@/lib/inbox/update-integration';
import { closeSenderTransports, senderTransport } from '@/lib/mail/transports/worker-sender-transports';
import { createSender } from '@/lib/outbox/create-sender';
import { deleteSender } from '@/lib/outbox/delete-sender';
import { updateSender } from '@/lib/outbox/update-sender';
import { verifySender } from '@/lib/outbox/verify-sender';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();

/** Every column of the credential row as the database holds it, as one string. */
async function rawRow(id: string): Promise<string> {
  const rows = await t.db.execute(sql`select * from credentials where id = ${id}`);
  expect(rows).toHaveLength(1);
  return JSON.stringify(rows[0]);
}

async function senderRow(id: string): Promise<SenderAccount> {
  const [row] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, id));
  return row!;
}

async function credentialExists(id: string): Promise<boolean> {
  return (await t.db.$count(credentials, eq(credentials.id, id))) === 1;
}

describe('a credential', () => {
  it('is sealed at rest and read back through the resolver, for each kind', async () => {
    const org = await createTestOrg(t.db);
    const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
    const id = await saveCredential(t.db, { orgId: org.id, kind: 'password', secret: { password } });
    const raw = await rawRow(id);
    expect(raw).not.toContain(password);
    expect(raw).toMatch(/"secret_sealed":"v1\./);
    expect(await resolveCredential(t.db, { id, orgId: org.id })).toMatchObject({
      kind: 'password',
      password,
      version: 1,
    });

    // Replacing keeps the id and moves the version on.
    expect(
      await saveCredential(t.db, { orgId: org.id, id, kind: 'password', secret: { password: 'second' } }),
    ).toBe(id);
    expect(await resolveCredential(t.db, { id, orgId: org.id })).toMatchObject({
      password: 'second',
      version: 2,
    });

    const accessToken = `at-${crypto.randomBytes(12).toString('hex')}`;
    const refreshToken = `rt-${crypto.randomBytes(12).toString('hex')}`;
    const expiresAt = new Date(Date.now() + 3600_000);
    const grant = await saveCredential(t.db, {
      orgId: org.id,
      kind: 'oauth',
      provider: 'google',
      scopes: ['https://mail.google.com/'],
      expiresAt,
      secret: { accessToken, refreshToken },
    });
    const rawGrant = await rawRow(grant);
    expect(rawGrant).not.toContain(accessToken);
    expect(rawGrant).not.toContain(refreshToken);
    expect(rawGrant).toContain('https://mail.google.com/');
    expect(await resolveCredential(t.db, { id: grant, orgId: org.id })).toEqual({
      id: grant,
      version: 1,
      kind: 'oauth',
      provider: 'google',
      accessToken,
      expiresAt,
      scopes: ['https://mail.google.com/'],
    });

    // Another organisation cannot read it, even knowing the id.
    const other = await createTestOrg(t.db);
    await expect(resolveCredential(t.db, { id, orgId: other.id })).rejects.toBeInstanceOf(CredentialError);
  });

  it('refuses a stored secret that is not what its kind says, without showing it', async () => {
    const org = await createTestOrg(t.db);
    const [row] = await t.db
      .insert(credentials)
      .values({
        orgId: org.id,
        kind: 'oauth',
        provider: 'google',
        // A password where an OAuth grant's JSON should be.
        secretSealed: sealSecret({ kind: 'password', secret: { password: 'not-a-grant' } }),
      })
      .returning();
    const error = await resolveCredential(t.db, row!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect(String(error)).not.toContain('not-a-grant');

    const [wrongShape] = await t.db
      .insert(credentials)
      .values({
        orgId: org.id,
        kind: 'oauth',
        provider: 'google',
        secretSealed: sealSecret({ kind: 'password', secret: { password: '{"refreshToken":"rt-secret"}' } }),
      })
      .returning();
    const shapeError = await resolveCredential(t.db, wrongShape!).catch((e: unknown) => e);
    expect(String(shapeError)).toMatch(/malformed \(accessToken\)/);
    expect(String(shapeError)).not.toContain('rt-secret');
  });

  it('renews an expiring grant once however many ask at once, and marks a refused one', async () => {
    const org = await createTestOrg(t.db);
    // A stand-in for a provider's token endpoint (the OAuth issue registers real ones).
    const provider = `test-${crypto.randomBytes(3).toString('hex')}`;
    const calls: (string | undefined)[] = [];
    let refuse = false;
    registerCredentialRefresher(provider, async ({ refreshToken }) => {
      calls.push(refreshToken);
      await new Promise((r) => setTimeout(r, 50));
      if (refuse) throw new GrantRevokedError('invalid_grant: Token has been expired or revoked.');
      return {
        accessToken: `fresh-${calls.length}`,
        refreshToken: `rotated-${calls.length}`,
        expiresAt: new Date(Date.now() + 3600_000),
      };
    });
    const id = await saveCredential(t.db, {
      orgId: org.id,
      kind: 'oauth',
      provider,
      expiresAt: new Date(Date.now() + 1000),
      secret: { accessToken: 'stale', refreshToken: 'first' },
    });
    const resolved = await Promise.all(
      Array.from({ length: 20 }, () => resolveCredential(t.db, { id, orgId: org.id })),
    );
    expect(calls).toEqual(['first']);
    expect(new Set(resolved.map((r) => (r.kind === 'oauth' ? r.accessToken : null)))).toEqual(
      new Set(['fresh-1']),
    );
    // The rotated refresh token was saved with the new access token.
    await t.db.update(credentials).set({ expiresAt: new Date() }).where(eq(credentials.id, id));
    await resolveCredential(t.db, { id, orgId: org.id });
    expect(calls).toEqual(['first', 'rotated-1']);

    refuse = true;
    const refused = await resolveCredential(t.db, { id, orgId: org.id }, { renew: true }).catch((e) => e);
    expect(refused).toBeInstanceOf(CredentialNeedsReconnectError);
    const [marked] = await t.db.select().from(credentials).where(eq(credentials.id, id));
    expect(marked).toMatchObject({
      status: 'needs_reconnect',
      statusReason: expect.stringMatching(/invalid_grant/),
    });
    // Later uses say so without asking the provider again.
    await expect(resolveCredential(t.db, { id, orgId: org.id })).rejects.toBeInstanceOf(
      CredentialNeedsReconnectError,
    );
    expect(calls).toHaveLength(3);
  });
});

describe('sender accounts and mailboxes', () => {
  let sink: SmtpSink;
  let dovecot: Dovecot;
  beforeAll(async () => {
    sink = await startSmtpSink();
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await sink?.close();
    await destroyDovecot(dovecot);
  });

  it('a sender account signs in through its credential; removing the password or the account removes it', async () => {
    const org = await createTestOrg(t.db);
    const created = await createSinkSender(t.db, org.ctx, sink);
    const row = await senderRow(created.id);
    expect(row.credentialId).not.toBeNull();
    expect(await rawRow(row.credentialId!)).not.toContain(sink.pass);
    expect(await verifySender(t.db, org.ctx, created.id)).toMatchObject({ ok: true });

    const cleared = await updateSender(t.db, org.ctx, created.id, { password: null });
    expect(cleared.hasPassword).toBe(false);
    expect((await senderRow(created.id)).credentialId).toBeNull();
    expect(await credentialExists(row.credentialId!)).toBe(false);
    // Signed in with no password, the server refuses.
    expect(await verifySender(t.db, org.ctx, created.id)).toMatchObject({ ok: false });

    const restored = await updateSender(t.db, org.ctx, created.id, { password: sink.pass });
    expect(restored.hasPassword).toBe(true);
    const again = (await senderRow(created.id)).credentialId!;
    await deleteSender(t.db, org.ctx, created.id);
    expect(await credentialExists(again)).toBe(false);
  });

  it('a mailbox signs in through its credential; a new password replaces its secret; deleting it removes it', async () => {
    const org = await createTestOrg(t.db);
    const email = `box-${crypto.randomBytes(3).toString('hex')}@example.com`;
    await dovecot.addUser(email, 'first-pass');
    const box = await createIntegration(t.db, org.ctx, {
      name: email,
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      username: email,
      password: 'first-pass',
    });
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: true });
    const [{ credentialId }] = (await t.db.execute(
      sql`select credential_id as "credentialId" from inbox_mailboxes where id = ${box.id}`,
    )) as unknown as [{ credentialId: string }];
    expect(await rawRow(credentialId)).not.toContain('first-pass');

    await dovecot.addUser(email, 'second-pass');
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: false });
    await updateIntegration(t.db, org.ctx, box.id, { password: 'second-pass' });
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: true });
    expect(await resolveCredential(t.db, { id: credentialId, orgId: org.id })).toMatchObject({
      password: 'second-pass',
      version: 2,
    });

    await deleteIntegration(t.db, org.ctx, box.id);
    expect(await credentialExists(credentialId)).toBe(false);
  });

  it('a mailbox whose credential is an OAuth grant signs in with its access token (XOAUTH2)', async () => {
    const org = await createTestOrg(t.db);
    const email = `token-${crypto.randomBytes(3).toString('hex')}@example.com`;
    await dovecot.addUser(email, 'unused-password');
    const box = await createIntegration(t.db, org.ctx, {
      name: email,
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      username: email,
      password: 'unused-password',
    });
    // What connecting the mailbox over OAuth will store (the OAuth issue's flow; arranged here).
    const grant = await saveCredential(t.db, {
      orgId: org.id,
      kind: 'oauth',
      provider: 'google',
      expiresAt: new Date(Date.now() + 3600_000),
      secret: { accessToken: 'access-1' },
    });
    await t.db.execute(sql`update inbox_mailboxes set credential_id = ${grant} where id = ${box.id}`);
    // The test server takes the bearer token where a password would be.
    await dovecot.addUser(email, 'access-1');
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: true });

    // A renewed token is used by the next connection; the old one is refused.
    await dovecot.addUser(email, 'access-2');
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: false });
    await saveCredential(t.db, {
      orgId: org.id,
      id: grant,
      kind: 'oauth',
      expiresAt: new Date(Date.now() + 3600_000),
      secret: { accessToken: 'access-2' },
    });
    expect(await testIntegrationConnection(t.db, org.ctx, box.id)).toMatchObject({ ok: true });
  });
});

describe("the worker's pooled transport", () => {
  let worker: RunningWorker;
  let sink: SmtpSink;
  beforeAll(async () => {
    worker = await runWorker(registry);
  });
  afterAll(async () => {
    await worker?.stop();
    await closeSenderTransports();
    await sink?.close();
  });

  async function sendAndWait(org: TestOrg, senderId: string) {
    const to = `to-${crypto.randomBytes(3).toString('hex')}@example.test`;
    const res = await callRoute(messages.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { senderId, to, subject: 'Hello', text: 'Hi' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    const sent = await waitFor(
      async () => {
        const [m] = await t.db
          .select()
          .from(outboxMessages)
          .where(eq(outboxMessages.id, res.json.message.id));
        return m && ['sent', 'failed'].includes(m.status) ? m : null;
      },
      { timeoutMs: 20_000, what: 'the message to be settled' },
    );
    return { to, sent };
  }

  it('signs new connections in with an edited password, without a new pool or a restart', async () => {
    const org = await createTestOrg(t.db);
    sink = await startSmtpSink();
    const created = await createSinkSender(t.db, org.ctx, sink);
    const first = await sendAndWait(org, created.id);
    expect(first.sent.status).toBe('sent');
    expect(sink.received.find((m) => m.to.includes(first.to))?.user).toBe('sink-user');
    const pooled = senderTransport(await senderRow(created.id));

    // The server's password changes (a new server on the same address, its old connections gone).
    const port = sink.port;
    await sink.close();
    sink = await startSmtpSink({ port });
    expect(await verifySender(t.db, org.ctx, created.id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/535/),
    });

    const patched = await callRoute(senderById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: created.id },
      body: { password: sink.pass, name: 'Renamed' },
    });
    expect(patched.status).toBe(200);
    const second = await sendAndWait(org, created.id);
    expect(second.sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.received.find((m) => m.to.includes(second.to))?.user).toBe('sink-user');
    // Same pool: neither the password nor the name is a connection setting.
    expect(senderTransport(await senderRow(created.id))).toBe(pooled);

    // A connection setting is: a new pool.
    await updateSender(t.db, org.ctx, created.id, { maxConnections: 2 });
    expect(senderTransport(await senderRow(created.id))).not.toBe(pooled);
  });

  it('signs new connections in with a renewed access token (XOAUTH2), without a new pool', async () => {
    // A server that takes only XOAUTH2 and one token at a time, like Gmail's or Exchange's SMTP.
    let validToken = 'token-1';
    const signIns: string[] = [];
    const received: string[] = [];
    const server = new SMTPServer({
      authMethods: ['XOAUTH2'],
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        signIns.push(auth.accessToken ?? '');
        if (auth.accessToken === validToken) return callback(null, { user: auth.username });
        return callback(null, { data: { status: '401', schemes: 'bearer' } });
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server as unknown as { server: { address: () => { port: number } } }).server.address().port;
    const dropConnections = () => {
      for (const c of (server as unknown as { connections: Set<{ _socket: { destroy: () => void } }> })
        .connections)
        c._socket.destroy();
    };
    try {
      const org = await createTestOrg(t.db);
      const created = await createSender(t.db, org.ctx, {
        name: 'Token account',
        fromAddress: 'oauth@example.test',
        host: '127.0.0.1',
        port,
        security: 'none',
        username: 'oauth@example.test',
      });
      // What connecting the account over OAuth will store (the OAuth issue's flow; arranged here).
      const credentialId = await saveCredential(t.db, {
        orgId: org.id,
        kind: 'oauth',
        provider: 'google',
        expiresAt: new Date(Date.now() + 3600_000),
        secret: { accessToken: 'token-1', refreshToken: 'refresh-1' },
      });
      await t.db.update(senderAccounts).set({ credentialId }).where(eq(senderAccounts.id, created.id));

      const first = await sendAndWait(org, created.id);
      expect(first.sent.status).toBe('sent');
      expect(received).toContain(first.to);
      const pooled = senderTransport(await senderRow(created.id));

      // The token is renewed (as a refresher saves it) and the server now wants the new one.
      validToken = 'token-2';
      await saveCredential(t.db, {
        orgId: org.id,
        id: credentialId,
        kind: 'oauth',
        expiresAt: new Date(Date.now() + 3600_000),
        secret: { accessToken: 'token-2', refreshToken: 'refresh-1' },
      });
      dropConnections();
      const second = await sendAndWait(org, created.id);
      expect(second.sent).toMatchObject({ status: 'sent', attempts: 1 });
      expect(received).toContain(second.to);
      expect(signIns.at(-1)).toBe('token-2');
      expect(senderTransport(await senderRow(created.id))).toBe(pooled);
    } finally {
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
