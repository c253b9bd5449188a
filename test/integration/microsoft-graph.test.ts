// Microsoft 365 accounts sending through Microsoft Graph (the default, MICROSOFT_SEND_VIA=graph),
// against the local OAuth server issuing one token per resource as Microsoft does and the local
// Graph server checking each token's audience: a small message goes to /me/sendMail as the
// outbox's MIME; a 10 MB attachment through a draft and an upload session; a 429 waits for its
// Retry-After; a refused token is renewed once within the attempt; 20 sends on an expired token
// renew it once; ErrorSendAsDenied fails with Microsoft's words; an account used for sending and
// receiving keeps a token per resource (Graph to send, outlook.office.com for IMAP).
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';

import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messages from '@/app/api/v1/messages/route';
import { openSecret } from '@/lib/credentials/credential-secret';
import { saveCredential } from '@/lib/credentials/save-credential';
import { credentials } from '@/lib/db/schema/credentials';
import { inboxMailboxes } from '@/lib/db/schema/inbox';
import { outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { resetEnvCache } from '@/lib/env';
import { connectImap, disconnectImap, resolveImapSettings } from '@/lib/inbox/connect';
import { classifySendError } from '@/lib/mail/classify-send-error';
import { buildAccountTransport } from '@/lib/mail/transports/account-transport';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { completeConnect } from '@/lib/oauth/complete-connect';
import type { ConnectPurpose } from '@/lib/oauth/oauth-providers';
import { startConnect } from '@/lib/oauth/start-connect';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { freePort } from '../helpers/free-port';
import { GRAPH_MAIL_SEND, type GraphServer, startGraphServer } from '../helpers/graph-server';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let oauth: OAuthServer;
let graph: GraphServer;
let worker: RunningWorker;
let dovecot: Dovecot;

beforeAll(async () => {
  oauth = await startOAuthServer();
  oauth.rotateRefreshTokens = true;
  oauth.tokensPerResource = true;
  graph = await startGraphServer(oauth);
  dovecot = await startDovecot({ oauth2IntrospectionUrl: `${oauth.url}/introspect` });
  Object.assign(process.env, {
    MICROSOFT_CLIENT_ID: oauth.clientId,
    MICROSOFT_CLIENT_SECRET: oauth.clientSecret,
    MICROSOFT_AUTHORITY_URL: `${oauth.url}/{tenant}`,
    MICROSOFT_GRAPH_URL: graph.url,
    MICROSOFT_SEND_VIA: 'graph',
    MICROSOFT_IMAP_HOST: dovecot.host,
    MICROSOFT_IMAP_PORT: String(dovecot.port),
    MICROSOFT_IMAP_SECURITY: 'none',
  });
  resetEnvCache();
  worker = await runWorker(registry);
});
afterAll(async () => {
  await worker?.stop();
  await closeSenderTransports();
  await graph?.close();
  await destroyDovecot(dovecot);
  await oauth?.close();
});

async function connect(org: TestOrg, user: string, purposes: ConnectPurpose[] = ['send']) {
  oauth.nextUser = user;
  const { url } = await startConnect(t.db, org.ctx, { provider: 'microsoft', purposes });
  const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
  return completeConnect(t.db, org.ctx, {
    provider: 'microsoft',
    state: back.searchParams.get('state')!,
    code: back.searchParams.get('code')!,
  });
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

async function credentialOf(senderId: string) {
  const [s] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, senderId));
  const [c] = await t.db.select().from(credentials).where(eq(credentials.id, s!.credentialId!));
  const opened = openSecret('oauth', c!.secretSealed);
  if (opened.kind !== 'oauth') throw new Error('not an OAuth credential');
  return { row: c!, secret: opened.secret };
}

describe('a Microsoft 365 account sending through Graph', () => {
  it('sends a small message to /me/sendMail as the outbox MIME, with its Message-ID', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'graph@contoso.test');
    const [s] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, senderId!));
    // No SMTP server: the account sends through Graph.
    expect(s).toMatchObject({ kind: 'microsoft', host: null, ratePerMinute: 30 });
    const m = await settled(await enqueue(org, senderId!, { headers: { 'X-Invoice': 'F-1' } }));
    expect(m.status, m.lastError ?? '').toBe('sent');
    const got = graph.mime.find((r) => r.raw.includes(Buffer.from(m.messageId)));
    expect(got?.user).toBe('graph@contoso.test');
    const parsed = await simpleParser(got!.raw);
    expect(parsed.messageId).toBe(m.messageId);
    expect(parsed.headers.get('x-invoice')).toBe('F-1');
    expect(parsed.text?.trim()).toBe('Hi');
    // sendMail gives no id for the message.
    expect(m.providerMessageId).toBeNull();
    const { row } = await credentialOf(senderId!);
    expect(row.scopes).toContain(GRAPH_MAIL_SEND);
  });

  it('sends a 10 MB attachment through a draft and an upload session', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'big@contoso.test');
    const file = crypto.randomBytes(10 * 1024 * 1024);
    const small = crypto.randomBytes(1000);
    const m = await settled(
      await enqueue(org, senderId!, {
        cc: 'boss@example.test',
        headers: { 'X-Invoice': 'F-2' },
        attachments: [
          { filename: 'big.bin', contentType: 'application/octet-stream', content: file.toString('base64') },
          { filename: 'small.txt', contentType: 'text/plain', content: small.toString('base64') },
        ],
      }),
    );
    expect(m.status, m.lastError ?? '').toBe('sent');
    const draft = graph.sentDrafts.find((d) => d.message.internetMessageId === m.messageId);
    expect(draft, JSON.stringify(graph.sentDrafts.map((d) => d.message.internetMessageId))).toBeTruthy();
    expect(m.providerMessageId).toBe(draft!.id);
    expect(draft!.message).toMatchObject({
      subject: 'Hello',
      toRecipients: [{ emailAddress: { address: 'friend@example.test' } }],
      ccRecipients: [{ emailAddress: { address: 'boss@example.test' } }],
      internetMessageHeaders: [{ name: 'X-Invoice', value: 'F-2' }],
    });
    const big = draft!.attachments.find((a) => a.name === 'big.bin')!;
    expect(big.via).toBe('session');
    const hash = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    expect(hash(big.content)).toBe(hash(file));
    const little = draft!.attachments.find((a) => a.name === 'small.txt')!;
    expect(little.via).toBe('post');
    expect(little.content.equals(small)).toBe(true);
  });

  it('puts a throttled message (429) back until its Retry-After, without failing it', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'busy429@contoso.test');
    graph.failNext.push({
      status: 429,
      code: 'ApplicationThrottled',
      message: 'Too many requests',
      retryAfter: 120,
    });
    const id = await enqueue(org, senderId!);
    const m = await waitFor(
      async () => {
        const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
        return row?.status === 'queued' && row.attempts === 1 ? row : null;
      },
      { timeoutMs: 20_000, what: 'the throttled message to be put back' },
    );
    expect(m.lastError).toContain('429 ApplicationThrottled');
    expect(m.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(100_000);
  });

  it('classifies the sending limit, a 500 and a refused connection', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'errors@contoso.test');
    const [s] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, senderId!));
    const transport = buildAccountTransport(s!);
    const mail = {
      messageId: '<classify@contoso.test>',
      from: { address: 'errors@contoso.test' },
      to: [{ address: 'friend@example.test' }],
      cc: [],
      bcc: [],
      subject: 'x',
      text: 'x',
      headers: {},
      attachments: [],
    };
    const failWith = async (f: GraphServer['failNext'][number]) => {
      graph.failNext.push(f);
      return classifySendError(await transport.send(mail).catch((e) => e));
    };
    expect(
      await failWith({ status: 403, code: 'ErrorQuotaExceeded', message: 'The sending quota is exceeded.' }),
    ).toMatchObject({ kind: 'quota', code: 403 });
    expect(
      await failWith({
        status: 400,
        code: 'ErrorInvalidRecipients',
        message: 'At least one recipient is not valid.',
      }),
    ).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('At least one recipient is not valid'),
    });
    expect(await failWith({ status: 503, code: 'ServiceUnavailable', message: 'Try later' })).toMatchObject({
      kind: 'temporary',
    });
    // A port nothing listens on: the connection is refused.
    process.env.MICROSOFT_GRAPH_URL = `http://127.0.0.1:${await freePort()}/v1.0`;
    resetEnvCache();
    try {
      const away = buildAccountTransport(s!);
      expect(classifySendError(await away.send(mail).catch((e) => e))).toMatchObject({ kind: 'unreachable' });
    } finally {
      process.env.MICROSOFT_GRAPH_URL = graph.url;
      resetEnvCache();
    }
  });

  it('renews a token Graph refuses (401) and sends in the same attempt', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'refused@contoso.test');
    const { row, secret } = await credentialOf(senderId!);
    await saveCredential(t.db, {
      kind: 'oauth',
      orgId: row.orgId,
      id: row.id,
      secret: { ...secret, accessToken: 'at-unknown' },
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const refreshes = oauth.refreshCalls;
    const m = await settled(await enqueue(org, senderId!));
    expect(m.status, m.lastError ?? '').toBe('sent');
    expect(m.attempts).toBe(1);
    expect(oauth.refreshCalls - refreshes).toBe(1);
    expect((await credentialOf(senderId!)).secret.refreshToken).not.toBe(secret.refreshToken);
  });

  it('renews an expired token once for 20 sends at once', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'twenty@contoso.test');
    const { row } = await credentialOf(senderId!);
    await t.db
      .update(credentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(credentials.id, row.id));
    const before = oauth.refreshCalls;
    const ids = await Promise.all(Array.from({ length: 20 }, () => enqueue(org, senderId!)));
    const done = await Promise.all(ids.map(settled));
    expect(done.map((m) => m.status)).toEqual(Array(20).fill('sent'));
    expect(oauth.refreshCalls - before).toBe(1);
  });

  it('fails a message Graph refuses with ErrorSendAsDenied, in Microsoft’s words', async () => {
    const org = await createTestOrg(t.db);
    const { senderId } = await connect(org, 'denied@contoso.test');
    graph.failNext.push({
      status: 403,
      code: 'ErrorSendAsDenied',
      message:
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
    });
    const m = await settled(await enqueue(org, senderId!));
    expect(m.status).toBe('failed');
    expect(m.attempts).toBe(1);
    expect(m.lastError).toContain('ErrorSendAsDenied');
    expect(m.lastError).toContain('does not have the right to send mail');
  });

  it('keeps a token per resource for an account that sends and receives', async () => {
    const org = await createTestOrg(t.db);
    const account = await connect(org, 'both@contoso.test', ['send', 'receive']);
    const m = await settled(await enqueue(org, account.senderId!));
    expect(m.status, m.lastError ?? '').toBe('sent');
    const [mailbox] = await t.db
      .select()
      .from(inboxMailboxes)
      .where(eq(inboxMailboxes.id, account.mailboxId!));
    const imap = await resolveImapSettings(t.db, mailbox!);
    const imapToken = 'accessToken' in imap.auth ? imap.auth.accessToken : '';
    expect(oauth.scopesOfAccessToken(imapToken)).toContain(
      'https://outlook.office.com/IMAP.AccessAsUser.All',
    );
    expect(oauth.scopesOfAccessToken(imapToken)).not.toContain(GRAPH_MAIL_SEND);
    // And Dovecot (its oauth2 passdb asks the OAuth server) takes it over IMAP XOAUTH2.
    await dovecot.addUser('both@contoso.test', crypto.randomBytes(8).toString('hex'));
    const client = await connectImap(imap);
    expect(client.usable).toBe(true);
    await disconnectImap(client);
    const { secret } = await credentialOf(account.senderId!);
    const tokens = [
      secret.accessToken,
      ...Object.values(secret.resourceTokens ?? {}).map((r) => r.accessToken),
    ];
    expect(tokens).toHaveLength(2);
    const graphToken = tokens.find((tk) => oauth.scopesOfAccessToken(tk)?.includes(GRAPH_MAIL_SEND));
    expect(graphToken).toBeTruthy();
    expect(graphToken).not.toBe(imapToken);
    expect(graph.wrongAudience).toBe(0);
  });

  it('keeps a credential saved before per-resource tokens working for IMAP, and asks Graph for its own', async () => {
    // Connected in SMTP mode (SMTP.Send + IMAP on outlook.office.com), then stored as credentials
    // were before tokens were per resource: no `resource`.
    process.env.MICROSOFT_SEND_VIA = 'smtp';
    resetEnvCache();
    const org = await createTestOrg(t.db);
    let account: Awaited<ReturnType<typeof connect>>;
    try {
      account = await connect(org, 'legacy@contoso.test', ['send', 'receive']);
    } finally {
      process.env.MICROSOFT_SEND_VIA = 'graph';
      resetEnvCache();
    }
    const { row, secret } = await credentialOf(account.senderId!);
    const { resource: _dropped, ...legacy } = secret;
    await saveCredential(t.db, { kind: 'oauth', orgId: row.orgId, id: row.id, secret: legacy });
    const [mailbox] = await t.db
      .select()
      .from(inboxMailboxes)
      .where(eq(inboxMailboxes.id, account.mailboxId!));
    const refreshes = oauth.refreshCalls;
    const imap = await resolveImapSettings(t.db, mailbox!);
    expect('accessToken' in imap.auth && imap.auth.accessToken).toBe(secret.accessToken);
    expect(oauth.refreshCalls - refreshes).toBe(0);
    // Sending through Graph needs Mail.Send, which this grant never had: Microsoft refuses it, and
    // the account needs reconnecting (nothing sent, no attempt spent).
    const id = await enqueue(org, account.senderId!);
    const waiting = await waitFor(
      async () => {
        const [c] = await t.db.select().from(credentials).where(eq(credentials.id, row.id));
        const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
        return c?.status === 'needs_reconnect' && m?.status === 'queued' && m.lastError ? m : null;
      },
      { timeoutMs: 20_000, what: 'the account to need reconnecting' },
    );
    expect(waiting.attempts).toBe(0);
  });
});
