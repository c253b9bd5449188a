// Microsoft 365 accounts connected over OAuth, against the local OAuth/OIDC server (answering at
// {authority}/{tenant}/oauth2/v2.0/…, rotating refresh tokens as Microsoft does) and a real SMTP
// server that takes XOAUTH2 and checks each access token with that OAuth server: the connect flow
// reads the address from the ID token, a 10 MB attachment goes out with the outbox's Message-ID,
// an expired token is renewed once, the rotated refresh token saved, and a token the server
// refuses is renewed and the send tried again within the attempt.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';

import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messages from '@/app/api/v1/messages/route';
import { openSecret } from '@/lib/credentials/credential-secret';
import { saveCredential } from '@/lib/credentials/save-credential';
import { credentials } from '@/lib/db/schema/credentials';
import { outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { resetEnvCache } from '@/lib/env';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { startConnect } from '@/lib/oauth/start-connect';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
let oauth: OAuthServer;
let smtp: SMTPServer;
let worker: RunningWorker;
const received: { user: string; raw: Buffer }[] = [];
const signIns: string[] = [];

beforeAll(async () => {
  oauth = await startOAuthServer();
  oauth.rotateRefreshTokens = true;
  smtp = new SMTPServer({
    authMethods: ['XOAUTH2'],
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    size: 40 * 1024 * 1024,
    logger: false,
    onAuth(auth, _session, callback) {
      const user = oauth.userOfAccessToken(auth.accessToken ?? '');
      signIns.push(auth.username ?? '');
      if (!user || user !== auth.username)
        return callback(null, { data: { status: '401', schemes: 'bearer' } });
      callback(null, { user });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ user: String(session.user), raw: Buffer.concat(chunks) });
        callback(null, 'Queued as 2.6.0 <id@outlook.test>');
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  Object.assign(process.env, {
    MICROSOFT_CLIENT_ID: oauth.clientId,
    MICROSOFT_CLIENT_SECRET: oauth.clientSecret,
    MICROSOFT_TENANT: 'organizations',
    MICROSOFT_AUTHORITY_URL: `${oauth.url}/{tenant}`,
    MICROSOFT_SMTP_HOST: '127.0.0.1',
    MICROSOFT_SMTP_PORT: String(port),
    MICROSOFT_SMTP_SECURITY: 'none',
    // The SMTP option; Graph, the default, is covered by microsoft-graph.test.ts.
    MICROSOFT_SEND_VIA: 'smtp',
  });
  resetEnvCache();
  worker = await runWorker(registry);
});
afterAll(async () => {
  await worker?.stop();
  await closeSenderTransports();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await oauth?.close();
});

async function connect(org: TestOrg, user: string) {
  oauth.nextUser = user;
  const { url } = await startConnect(t.db, org.ctx, { provider: 'microsoft', purposes: ['send'] });
  expect(new URL(url).pathname).toBe('/organizations/oauth2/v2.0/authorize');
  expect(new URL(url).searchParams.get('scope')).toContain('offline_access');
  const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
  const account = await completeConnect(t.db, org.ctx, {
    provider: 'microsoft',
    state: back.searchParams.get('state')!,
    code: back.searchParams.get('code')!,
  });
  return account.senderId!;
}

async function sendAndWait(org: TestOrg, senderId: string, extra: Record<string, unknown> = {}) {
  const res = await callRoute(messages.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: { senderId, to: 'friend@example.test', subject: 'Hello', text: 'Hi', ...extra },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return waitFor(
    async () => {
      const [m] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, res.json.message.id));
      return m && ['sent', 'failed'].includes(m.status) ? m : null;
    },
    { timeoutMs: 30_000, what: 'the message to be settled' },
  );
}

describe('a Microsoft 365 account', () => {
  it('connects, sends a 10 MB attachment over SMTP XOAUTH2, and renews an expired token with rotation', async () => {
    const org = await createTestOrg(t.db);
    const senderId = await connect(org, 'office@contoso.test');
    const [row] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, senderId));
    expect(row).toMatchObject({
      kind: 'microsoft',
      ratePerMinute: 30,
      ratePerDay: 10_000,
      host: '127.0.0.1',
    });

    const file = crypto.randomBytes(10 * 1024 * 1024);
    const m = await sendAndWait(org, senderId, {
      attachments: [
        { filename: 'big.bin', contentType: 'application/octet-stream', content: file.toString('base64') },
      ],
    });
    expect(m.status, m.lastError ?? '').toBe('sent');
    const got = received.find((r) => r.raw.includes(Buffer.from(m.messageId)))!;
    expect(got.user).toBe('office@contoso.test');
    const parsed = await simpleParser(got.raw);
    expect(parsed.messageId).toBe(m.messageId);
    expect(parsed.attachments[0]!.content.equals(file)).toBe(true);

    // Expire the access token: the next send renews it once and saves the rotated refresh token.
    const readSecret = async () => {
      const [c] = await t.db.select().from(credentials).where(eq(credentials.id, row!.credentialId!));
      const opened = openSecret('oauth', c!.secretSealed);
      return opened.kind === 'oauth' ? opened.secret : null;
    };
    const before = await readSecret();
    await t.db
      .update(credentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(credentials.id, row!.credentialId!));
    const refreshes = oauth.refreshCalls;
    const second = await sendAndWait(org, senderId);
    expect(second.status, second.lastError ?? '').toBe('sent');
    expect(oauth.refreshCalls - refreshes).toBe(1);
    const after = await readSecret();
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.accessToken).not.toBe(before!.accessToken);
  });

  it('renews an access token the SMTP server refuses (535) and sends in the same attempt', async () => {
    const org = await createTestOrg(t.db);
    const senderId = await connect(org, 'refused@contoso.test');
    const [row] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, senderId));
    const [c] = await t.db.select().from(credentials).where(eq(credentials.id, row!.credentialId!));
    const opened = openSecret('oauth', c!.secretSealed);
    if (opened.kind !== 'oauth') throw new Error('not an OAuth credential');
    // A token the provider no longer honours, though its expiry is an hour away.
    await saveCredential(t.db, {
      kind: 'oauth',
      orgId: row!.orgId,
      id: row!.credentialId,
      secret: { ...opened.secret, accessToken: 'at-unknown' },
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const refreshes = oauth.refreshCalls;
    const m = await sendAndWait(org, senderId);
    expect(m.status, m.lastError ?? '').toBe('sent');
    expect(m.attempts).toBe(1);
    expect(oauth.refreshCalls - refreshes).toBe(1);
  });
});
