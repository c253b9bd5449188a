// Gmail accounts connected over OAuth, against a local OAuth/OIDC server and a local Gmail API
// server (test/helpers), with the real googleapis client pointed at them through the variables in
// .env.example: the connect flow (PKCE, state bound to person and org, reconnect updates the same
// account), sending through the worker (a 10 MB attachment through the upload endpoint with the
// outbox's Message-ID), one refresh for 20 concurrent sends on an expired token, a revoked grant
// that pauses the account without burning attempts until it is reconnected, and how Google's
// errors are classified.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';

import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as connectedAccount from '@/app/api/v1/connected-accounts/[id]/route';
import * as connectStart from '@/app/api/v1/connected-accounts/connect/[provider]/route';
import * as connectedAccounts from '@/app/api/v1/connected-accounts/route';
import * as messages from '@/app/api/v1/messages/route';
import { accountAuthSource } from '@/lib/credentials/account-auth-source';
import { openSecret } from '@/lib/credentials/credential-secret';
import { resolveAccountAuth } from '@/lib/credentials/resolve-account-auth';
import { saveCredential } from '@/lib/credentials/save-credential';
import { getDb } from '@/lib/db/client';
import { credentials } from '@/lib/db/schema/credentials';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { outboxMessages, type SenderAccount, senderAccounts } from '@/lib/db/schema/outbox';
import { resetEnvCache } from '@/lib/env';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { testIntegrationConnection } from '@/lib/inbox/test-connection';
import { classifySendError } from '@/lib/mail/classify-send-error';
import { createGmailTransport } from '@/lib/mail/transports/gmail';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { removeAccountUse } from '@/lib/oauth/remove-account-use';
import { startConnect } from '@/lib/oauth/start-connect';
import { getSender } from '@/lib/outbox/get-sender';
import { listSenders } from '@/lib/outbox/list-senders';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { type GmailServer, startGmailServer } from '../helpers/gmail-server';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let oauth: OAuthServer;
let gmail: GmailServer;
let worker: RunningWorker;
let dovecot: Dovecot;

beforeAll(async () => {
  oauth = await startOAuthServer();
  gmail = await startGmailServer(oauth);
  // XOAUTH2 checked as Gmail's IMAP would: the oauth2 passdb asks the OAuth server about each token.
  dovecot = await startDovecot({ oauth2IntrospectionUrl: `${oauth.url}/introspect` });
  Object.assign(process.env, {
    GOOGLE_CLIENT_ID: oauth.clientId,
    GOOGLE_CLIENT_SECRET: oauth.clientSecret,
    GOOGLE_AUTH_URL: `${oauth.url}/authorize`,
    GOOGLE_TOKEN_URL: `${oauth.url}/token`,
    GOOGLE_REVOKE_URL: `${oauth.url}/revoke`,
    GOOGLE_USERINFO_URL: `${oauth.url}/userinfo`,
    GMAIL_API_URL: gmail.url,
    GOOGLE_IMAP_HOST: '127.0.0.1',
    GOOGLE_IMAP_PORT: String(dovecot.port),
    GOOGLE_IMAP_SECURITY: 'none',
  });
  resetEnvCache();
  worker = await runWorker(registry);
});
afterAll(async () => {
  await worker?.stop();
  await closeSenderTransports();
  await gmail?.close();
  await oauth?.close();
  await destroyDovecot(dovecot);
});

/** The scopes the last connection asked for. */
let lastScopes: string[] = [];

/** Runs the browser's part of the flow: start, follow the provider's redirect, complete. */
async function connect(
  org: TestOrg,
  user: string,
  options: { senderId?: string; accountId?: string; purposes?: ('send' | 'receive')[] } = {},
) {
  oauth.nextUser = user;
  const { url } = await startConnect(t.db, org.ctx, {
    provider: 'google',
    purposes: options.purposes ?? ['send'],
    senderId: options.senderId,
    accountId: options.accountId,
  });
  lastScopes = new URL(url).searchParams.get('scope')!.split(' ');
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.pathname).toBe('/api/v1/connected-accounts/callback/google');
  const account = await completeConnect(t.db, org.ctx, {
    provider: 'google',
    state: back.searchParams.get('state')!,
    code: back.searchParams.get('code')!,
  });
  return { ...account, senderId: account.senderId! };
}

async function sender(id: string): Promise<SenderAccount> {
  const [row] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, id));
  return row!;
}

async function enqueue(org: TestOrg, senderId: string, extra: Record<string, unknown> = {}) {
  const res = await callRoute(messages.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: { senderId, to: 'friend@example.test', subject: 'Hello', text: 'Hi', ...extra },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return res.json.message.id as string;
}

async function settled(id: string) {
  return waitFor(
    async () => {
      const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return m && ['sent', 'failed'].includes(m.status) ? m : null;
    },
    { timeoutMs: 30_000, what: 'the message to be settled' },
  );
}

async function expireAccessToken(credentialId: string) {
  await t.db
    .update(credentials)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(credentials.id, credentialId));
}

describe('connecting a Google account', () => {
  it('makes one gmail sender account with a sealed grant; connecting the same address again updates it', async () => {
    const org = await createTestOrg(t.db);
    const first = await connect(org, 'Office@Gmail.test');
    expect(first).toMatchObject({ address: 'office@gmail.test', created: true });
    const row = await sender(first.senderId);
    // gmail.test is not gmail.com: a Google Workspace domain, 2,000 a day.
    expect(row).toMatchObject({ kind: 'gmail', fromAddress: 'office@gmail.test', ratePerDay: 2000 });
    const [cred] = await t.db.execute(sql`select * from credentials where id = ${row.credentialId}`);
    expect(cred).toMatchObject({ kind: 'oauth', provider: 'google', status: 'active' });
    expect(JSON.stringify(cred)).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);

    const again = await connect(org, 'office@gmail.test');
    expect(again).toMatchObject({ senderId: first.senderId, created: false });
    expect((await sender(first.senderId)).credentialId).toBe(row.credentialId);
    const gmailAccounts = (await listSenders(t.db, org.ctx)).filter((s) => s.kind === 'gmail');
    expect(gmailAccounts).toHaveLength(1);
  });

  it('for sending and receiving: the mailbox signs in to IMAP (XOAUTH2) with the same grant', async () => {
    const org = await createTestOrg(t.db);
    const both = await connect(org, 'shared@gmail.test', { purposes: ['send', 'receive'] });
    expect(both.mailboxId).toBeTruthy();
    const [box] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, both.mailboxId!));
    const row = await sender(both.senderId);
    expect(box).toMatchObject({ host: '127.0.0.1', port: dovecot.port, username: 'shared@gmail.test' });
    expect(box!.credentialId).toBe(row.credentialId);
    expect(await testIntegrationConnection(t.db, org.ctx, box!.id)).toMatchObject({ ok: true });

    // The grant revoked: the sync says so and waits for a person instead of retrying every minute.
    oauth.revokeUser('shared@gmail.test');
    await expireAccessToken(row.credentialId!);
    await syncMailbox(t.db, box!.id, { reason: 'manual' });
    const [after] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, box!.id));
    expect(after).toMatchObject({
      status: 'error',
      lastError: expect.stringMatching(/connected again.*invalid_grant/),
    });
    expect(after!.nextSyncAt.getTime()).toBeGreaterThan(Date.now() + 12 * 3600_000);
    // The account (the grant's id) says so, for the sender and the mailbox alike.
    const listed = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(listed.json.accounts).toEqual([
      expect.objectContaining({
        id: row.credentialId,
        status: 'needs_reconnect',
        statusReason: expect.stringMatching(/invalid_grant/),
        purposes: ['send', 'receive'],
        sender: expect.objectContaining({ id: both.senderId }),
        mailbox: expect.objectContaining({ id: box!.id }),
      }),
    ]);
    // Another address at Google is not this account.
    await expect(
      connect(org, 'someone-else@gmail.test', { accountId: row.credentialId! }),
    ).rejects.toMatchObject({ status: 400 });
    // Reconnecting the account asks again for every scope it uses (a grant for sending only would
    // leave the mailbox unable to sign in), keeps the sender, the mailbox and the credential, and
    // syncs at once.
    const again = await connect(org, 'shared@gmail.test', { accountId: row.credentialId! });
    expect(lastScopes).toEqual(
      expect.arrayContaining(['https://www.googleapis.com/auth/gmail.send', 'https://mail.google.com/']),
    );
    expect(again).toMatchObject({ senderId: both.senderId, mailboxId: box!.id, created: false });
    expect((await sender(both.senderId)).credentialId).toBe(row.credentialId);
    const [reconnected] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, box!.id));
    expect(reconnected!.credentialId).toBe(row.credentialId);
    expect(reconnected!.nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());
    const relisted = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(relisted.json.accounts[0]).toMatchObject({ status: 'active', statusReason: null });
    expect(await syncMailbox(t.db, box!.id, { reason: 'manual' })).toMatchObject({ kind: 'synced' });
  });

  it('refuses a state used twice, or by another organisation', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const { url } = await startConnect(t.db, org.ctx, { provider: 'google', purposes: ['send'] });
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const input = {
      provider: 'google' as const,
      state: back.searchParams.get('state')!,
      code: back.searchParams.get('code')!,
    };
    await expect(completeConnect(t.db, other.ctx, input)).rejects.toMatchObject({ status: 400 });
    // The other org's try did not consume it: the rightful one completes, once.
    await expect(completeConnect(t.db, org.ctx, input)).resolves.toMatchObject({ created: true });
    await expect(completeConnect(t.db, org.ctx, input)).rejects.toMatchObject({ status: 400 });
  });
});

describe('sending through a Gmail account', () => {
  it('sends a 10 MB attachment through the upload endpoint with the outbox Message-ID', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'big@gmail.test');
    const file = crypto.randomBytes(10 * 1024 * 1024);
    const id = await enqueue(org, senderId, {
      attachments: [
        { filename: 'big.bin', contentType: 'application/octet-stream', content: file.toString('base64') },
      ],
    });
    const m = await settled(id);
    expect(m.status, m.lastError ?? '').toBe('sent');
    const got = gmail.received.find((r) => r.raw.includes(Buffer.from(m.messageId)));
    expect(got?.via).toBe('upload');
    expect(m.providerMessageId).toBe(got!.id);
    const parsed = await simpleParser(got!.raw);
    expect(parsed.messageId).toBe(m.messageId);
    expect(parsed.attachments[0]!.content.equals(file)).toBe(true);
  });

  it('refreshes an expired access token once for 20 sends at once', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'busy@gmail.test');
    await expireAccessToken((await sender(senderId)).credentialId!);
    const before = oauth.refreshCalls;
    const ids = await Promise.all(Array.from({ length: 20 }, () => enqueue(org, senderId)));
    const done = await Promise.all(ids.map(settled));
    expect(done.map((m) => m.status)).toEqual(Array(20).fill('sent'));
    expect(oauth.refreshCalls - before).toBe(1);
  });

  it('pauses on a revoked grant without burning attempts, and sends once reconnected', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'revoked@gmail.test');
    const credentialId = (await sender(senderId)).credentialId!;
    oauth.revokeUser('revoked@gmail.test');
    await expireAccessToken(credentialId);
    const id = await enqueue(org, senderId);
    const waiting = await waitFor(
      async () => {
        const [c] = await t.db.select().from(credentials).where(eq(credentials.id, credentialId));
        const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
        return c?.status === 'needs_reconnect' && m?.status === 'queued' && m.lastError ? m : null;
      },
      { timeoutMs: 20_000, what: 'the account to need reconnecting' },
    );
    expect(waiting.attempts).toBe(0);
    // The owner is told once (the preview mailbox holds Mailroom's own mail in tests), without a token.
    const told = await t.db.execute<{ subject: string; text: string }>(
      sql`select subject, convert_from(raw, 'UTF8') as text from preview_messages where "to" @> ${JSON.stringify([org.ownerEmail])}::jsonb`,
    );
    expect(told.map((m) => m.subject)).toEqual(['Reconnect revoked@gmail.test in Mailroom']);
    expect(told[0]!.text).toContain('invalid_grant');
    expect(told[0]!.text).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);
    const listed = (await listSenders(t.db, org.ctx)).find((s) => s.id === senderId)!;
    expect(listed.needsReconnect).toMatch(/invalid_grant/);
    expect(listed.pauseReason).toMatch(/^Needs reconnect/);
    // The account read alone says the same as the list.
    expect((await getSender(t.db, org.ctx, senderId)).needsReconnect).toMatch(/invalid_grant/);

    const again = await connect(org, 'revoked@gmail.test', { senderId });
    expect(again.senderId).toBe(senderId);
    const m = await settled(id);
    expect(m.status, m.lastError ?? '').toBe('sent');
    expect((await listSenders(t.db, org.ctx)).find((s) => s.id === senderId)!.needsReconnect).toBeNull();
  });
});

describe('the connected-accounts REST API', () => {
  const del = (org: TestOrg, id: string) =>
    callRoute(connectedAccount.DELETE, { method: 'DELETE', apiKey: org.apiKey, params: { id } });
  const refreshWith = async (refreshToken: string) =>
    (
      await fetch(`${oauth.url}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        }),
      })
    ).json();
  async function refreshTokenOf(credentialId: string) {
    const [c] = await t.db.select().from(credentials).where(eq(credentials.id, credentialId));
    const opened = openSecret('oauth', c!.secretSealed);
    return opened.kind === 'oauth' ? opened.secret.refreshToken! : '';
  }

  it('lists, reads, changes and disconnects by the account id (refused while messages wait; the grant revoked at Google)', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'rest@gmail.test');
    const credentialId = (await sender(senderId)).credentialId!;
    const list = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(list.status).toBe(200);
    expect(list.json.accounts).toEqual([
      expect.objectContaining({
        id: credentialId,
        provider: 'google',
        address: 'rest@gmail.test',
        purposes: ['send'],
        scopes: expect.arrayContaining(['https://www.googleapis.com/auth/gmail.send']),
        status: 'active',
        statusReason: null,
        sender: expect.objectContaining({ id: senderId, kind: 'gmail', needsReconnect: null }),
        mailbox: null,
      }),
    ]);
    expect(list.text).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);
    const read = await callRoute(connectedAccount.GET, { apiKey: org.apiKey, params: { id: credentialId } });
    expect(read.json.account).toMatchObject({ id: credentialId, sender: { id: senderId } });
    // Another organisation's key does not find it.
    const other = await createTestOrg(t.db);
    expect(
      (await callRoute(connectedAccount.GET, { apiKey: other.apiKey, params: { id: credentialId } })).status,
    ).toBe(404);
    expect((await del(other, credentialId)).status).toBe(404);

    const patched = await callRoute(connectedAccount.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: credentialId },
      body: { name: 'Billing', ratePerDay: 1500, isDefault: true },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.account).toMatchObject({
      name: 'Billing',
      sender: { name: 'Billing', ratePerDay: 1500, isDefault: true },
    });
    // The connection itself is not changed here: the server settings are not fields of this resource.
    const refusedField = await callRoute(connectedAccount.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: credentialId },
      body: { host: 'smtp.example.test' },
    });
    expect(refusedField.status).toBe(400);
    expect(JSON.stringify(refusedField.json.error.details)).toContain('host');

    // Starting a connection needs a person in a browser, not an API key.
    const start = await callRoute(connectStart.GET, {
      apiKey: org.apiKey,
      path: '/api/v1/connected-accounts/connect/google',
      params: { provider: 'google' },
    });
    expect(start.status).toBe(400);

    const refreshToken = await refreshTokenOf(credentialId);
    gmail.failNext.push({ status: 500, reason: 'backendError', message: 'Backend Error' });
    const waiting = await enqueue(org, senderId);
    await waitFor(async () => {
      const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, waiting));
      return m?.status === 'queued' && m.attempts === 1;
    });
    const revocations = oauth.revocations.length;
    const refused = await del(org, credentialId);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(
      /1 message still waits to be sent from rest@gmail\.test \(1 queued\)/,
    );
    expect(refused.json.error.details).toEqual({ senderId, waiting: { queued: 1 } });
    // Nothing was touched: the account, its tokens and the grant at Google are all still there.
    expect(oauth.revocations.length).toBe(revocations);
    expect(await t.db.$count(credentials, eq(credentials.id, credentialId))).toBe(1);
    expect((await sender(senderId)).deletedAt).toBeNull();

    await t.db.update(outboxMessages).set({ status: 'cancelled' }).where(eq(outboxMessages.id, waiting));
    const gone = await del(org, credentialId);
    expect(gone.status, gone.text).toBe(200);
    expect(gone.json).toEqual({ id: credentialId, revoked: true });
    expect(oauth.revocations.slice(revocations)).toEqual(['rest@gmail.test']);
    expect(await t.db.$count(credentials, eq(credentials.id, credentialId))).toBe(0);
    // The sender account stays for the history of what it sent, out of every list.
    expect((await sender(senderId)).deletedAt).not.toBeNull();
    expect((await listSenders(t.db, org.ctx)).some((s) => s.id === senderId)).toBe(false);
    expect(await refreshWith(refreshToken)).toMatchObject({ error: 'invalid_grant' });
    expect((await callRoute(connectedAccounts.GET, { apiKey: org.apiKey })).json.accounts).toEqual([]);
    expect((await del(org, credentialId)).status).toBe(404);
  });

  it('disconnects an account connected for receiving only (it has no sender account)', async () => {
    const org = await createTestOrg(t.db);
    const { mailboxId } = await connect(org, 'inbox-only@gmail.test', { purposes: ['receive'] });
    const [box] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailboxId!));
    const credentialId = box!.credentialId;
    const listed = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(listed.json.accounts).toEqual([
      expect.objectContaining({
        id: credentialId,
        purposes: ['receive'],
        sender: null,
        mailbox: expect.objectContaining({ id: mailboxId, username: 'inbox-only@gmail.test' }),
      }),
    ]);
    // Sending settings on an account that does not send: a 400 naming the field.
    const noSending = await callRoute(connectedAccount.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: credentialId },
      body: { ratePerDay: 100 },
    });
    expect(noSending.status).toBe(400);
    expect(noSending.json.error.details).toEqual([
      { path: 'ratePerDay', message: 'applies only to an account that sends' },
    ]);
    const renamed = await callRoute(connectedAccount.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: credentialId },
      body: { name: 'Support inbox' },
    });
    expect(renamed.json.account).toMatchObject({ name: 'Support inbox', mailbox: { name: 'Support inbox' } });

    const refreshToken = await refreshTokenOf(credentialId);
    const revocations = oauth.revocations.length;
    const gone = await del(org, credentialId);
    expect(gone.status, gone.text).toBe(200);
    expect(gone.json).toEqual({ id: credentialId, revoked: true });
    expect(oauth.revocations.slice(revocations)).toEqual(['inbox-only@gmail.test']);
    expect(await t.db.$count(inboxMailboxes, eq(inboxMailboxes.id, mailboxId!))).toBe(0);
    expect(await t.db.$count(credentials, eq(credentials.id, credentialId))).toBe(0);
    expect(await refreshWith(refreshToken)).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('removing a connected sender or mailbox from its page', () => {
  it('removes one use of a shared grant, and disconnects (revokes) with the last one', async () => {
    const org = await createTestOrg(t.db);
    const both = await connect(org, 'pages@gmail.test', { purposes: ['send', 'receive'] });
    const credentialId = (await sender(both.senderId)).credentialId!;
    const revocations = oauth.revocations.length;
    await removeAccountUse(t.db, org.ctx, { senderId: both.senderId });
    // The mailbox still signs in with the grant: nothing revoked, the tokens kept.
    expect(oauth.revocations.length).toBe(revocations);
    const [account] = (await callRoute(connectedAccounts.GET, { apiKey: org.apiKey })).json.accounts;
    expect(account).toMatchObject({ id: credentialId, purposes: ['receive'], sender: null });
    await removeAccountUse(t.db, org.ctx, { mailboxId: both.mailboxId! });
    expect(oauth.revocations.slice(revocations)).toEqual(['pages@gmail.test']);
    expect(await t.db.$count(credentials, eq(credentials.id, credentialId))).toBe(0);
  });
});

describe("Gmail's answers", () => {
  async function transportFor(user: string) {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, user);
    const row = await sender(senderId);
    return {
      row,
      transport: createGmailTransport(accountAuthSource(getDb, row), () =>
        resolveAccountAuth(getDb(), row, { renew: true }),
      ),
    };
  }
  const mail = (user: string) => ({
    messageId: `<${crypto.randomUUID()}@gmail.test>`,
    from: { address: user },
    to: [{ address: 'friend@example.test' }],
    cc: [],
    bcc: [],
    subject: 'Hi',
    text: 'Hi',
    headers: {},
    attachments: [],
  });

  it('renews a refused access token and sends in the same attempt', async () => {
    const { row, transport } = await transportFor('refused@gmail.test');
    // An access token the provider no longer knows, though its expiry is far away.
    const [c] = await t.db.select().from(credentials).where(eq(credentials.id, row.credentialId!));
    const opened = openSecret('oauth', c!.secretSealed);
    if (opened.kind !== 'oauth') throw new Error('not an OAuth credential');
    await saveCredential(t.db, {
      kind: 'oauth',
      orgId: row.orgId,
      id: row.credentialId,
      secret: { ...opened.secret, accessToken: 'at-unknown' },
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const unauthorized = gmail.unauthorized;
    const refreshes = oauth.refreshCalls;
    const result = await transport.send(mail('refused@gmail.test'));
    expect(result.providerMessageId).toBeTruthy();
    expect(gmail.unauthorized - unauthorized).toBe(1);
    expect(oauth.refreshCalls - refreshes).toBe(1);
  });

  it('classifies rate limiting (with Retry-After), the daily limit, an invalid recipient and a 500', async () => {
    const { transport } = await transportFor('errors@gmail.test');
    const failWith = async (f: GmailServer['failNext'][number]) => {
      gmail.failNext.push(f);
      return classifySendError(await transport.send(mail('errors@gmail.test')).catch((e) => e));
    };
    expect(
      await failWith({
        status: 429,
        reason: 'rateLimitExceeded',
        message: 'Rate Limit Exceeded',
        retryAfter: 120,
      }),
    ).toMatchObject({ kind: 'temporary', code: 429, retryAfterSeconds: 120 });
    expect(
      await failWith({
        status: 403,
        reason: 'dailyLimitExceeded',
        message: 'Daily user sending limit exceeded.',
      }),
    ).toMatchObject({ kind: 'quota', code: 403 });
    expect(
      await failWith({ status: 400, reason: 'invalidArgument', message: 'Invalid To header' }),
    ).toMatchObject({
      kind: 'permanent',
      code: 400,
      message: expect.stringContaining('Invalid To header'),
    });
    expect(await failWith({ status: 500, reason: 'backendError', message: 'Backend Error' })).toMatchObject({
      kind: 'temporary',
    });
  });
});
