// A Google account connected for receiving only, synced by the real inbox engine over IMAP with
// XOAUTH2 against a real Dovecot whose `oauth2` passdb asks the local OAuth server (RFC 7662
// introspection) about each bearer token — no password anywhere on the mailbox's side — through a
// proxy that speaks Gmail's X-GM-EXT-1, so the server's X-GM-MSGID becomes each message's object
// id (the same message in two labels is one id). The receive-only account is a mailbox, not a
// sender account. A revoked grant stops the sync with "needs reconnect".
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as connectedAccounts from '@/app/api/v1/connected-accounts/route';
import { inboxMailboxes, inboxMessageLocations, inboxMessages } from '@/lib/db/schema/inbox';
import { resetEnvCache } from '@/lib/env';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { startConnect } from '@/lib/oauth/start-connect';
import { listSenders } from '@/lib/outbox/list-senders';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { type GmailImapProxy, startGmailImapProxy } from '../helpers/gmail-imap-proxy';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let oauth: OAuthServer;
let dovecot: Dovecot;
let proxy: GmailImapProxy;

beforeAll(async () => {
  oauth = await startOAuthServer();
  dovecot = await startDovecot({ oauth2IntrospectionUrl: `${oauth.url}/introspect` });
  proxy = await startGmailImapProxy(dovecot);
  Object.assign(process.env, {
    GOOGLE_CLIENT_ID: oauth.clientId,
    GOOGLE_CLIENT_SECRET: oauth.clientSecret,
    GOOGLE_AUTH_URL: `${oauth.url}/authorize`,
    GOOGLE_TOKEN_URL: `${oauth.url}/token`,
    GOOGLE_REVOKE_URL: `${oauth.url}/revoke`,
    GOOGLE_USERINFO_URL: `${oauth.url}/userinfo`,
    GOOGLE_IMAP_HOST: proxy.host,
    GOOGLE_IMAP_PORT: String(proxy.port),
    GOOGLE_IMAP_SECURITY: 'none',
  });
  resetEnvCache();
});
afterAll(async () => {
  await proxy?.close();
  await oauth?.close();
  await destroyDovecot(dovecot);
});

const message = (subject: string) =>
  `From: client@example.test\r\nTo: shared@gmail.test\r\nSubject: ${subject}\r\nMessage-ID: <${crypto.randomUUID()}@example.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${subject}, body.\r\n`;

describe('a Google account connected for receiving', () => {
  it('syncs over XOAUTH2 checked by Dovecot at the OAuth server, with X-GM-MSGID as object id', async () => {
    const org = await createTestOrg(t.db);
    const address = `shared-${crypto.randomBytes(3).toString('hex')}@gmail.test`;
    // Arranging the mailbox uses a password; the app never has one.
    const arrange = crypto.randomBytes(8).toString('hex');
    await dovecot.addUser(address, arrange);
    await dovecot.append(address, arrange, 'INBOX', [{ raw: message('First') }, { raw: message('Second') }]);
    const c = await dovecot.client(address, arrange);
    await c.mailboxCreate('Invoices');
    await c.mailboxOpen('INBOX');
    await c.messageCopy('1', 'Invoices'); // one message under two labels
    await c.logout();

    oauth.nextUser = address;
    const { url } = await startConnect(t.db, org.ctx, { provider: 'google', purposes: ['receive'] });
    expect(new URL(url).searchParams.get('scope')).toContain('https://mail.google.com/');
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const account = await completeConnect(t.db, org.ctx, {
      provider: 'google',
      state: back.searchParams.get('state')!,
      code: back.searchParams.get('code')!,
    });
    expect(account).toMatchObject({ senderId: null, address });
    // Receive-only: a mailbox, and no sender account.
    expect((await listIntegrations(t.db, org.ctx)).map((m) => m.id)).toEqual([account.mailboxId]);
    expect((await listSenders(t.db, org.ctx)).some((s) => s.fromAddress === address)).toBe(false);
    const listed = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(listed.status).toBe(200);
    expect(listed.json.accounts).toEqual([
      expect.objectContaining({
        provider: 'google',
        address,
        purposes: ['receive'],
        status: 'active',
        sender: null,
        mailbox: expect.objectContaining({ id: account.mailboxId, username: address }),
      }),
    ]);
    expect(JSON.stringify(listed.json)).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);

    await t.db
      .update(inboxMailboxes)
      .set({ folders: ['INBOX', 'Invoices'] })
      .where(eq(inboxMailboxes.id, account.mailboxId!));
    const introspections = oauth.introspections;
    const outcome = await syncMailbox(t.db, account.mailboxId!, { reason: 'manual' });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('synced');
    expect(oauth.introspections - introspections).toBeGreaterThan(0);
    expect(proxy.msgidFetches).toBeGreaterThan(0);
    const [box] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, account.mailboxId!));
    expect(box).toMatchObject({ status: 'success', lastError: null });

    const rows = await t.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.mailboxId, account.mailboxId!));
    expect(rows.map((r) => r.subject).sort()).toEqual(['First', 'Second']);
    for (const r of rows) expect(r.externalId).toMatch(/^oid:\d+$/);
    const locations = await t.db
      .select()
      .from(inboxMessageLocations)
      .where(eq(inboxMessageLocations.mailboxId, account.mailboxId!));
    const first = rows.find((r) => r.subject === 'First')!;
    expect(
      locations
        .filter((l) => l.messageId === first.id)
        .map((l) => l.folder)
        .sort(),
    ).toEqual(['INBOX', 'Invoices']);

    // The grant revoked at Google: the next sync stops with "needs reconnect" and no retry soon.
    oauth.revokeUser(address);
    await t.db.execute(
      sql`update credentials set expires_at = now() - interval '1 second' where id = ${box!.credentialId}`,
    );
    await syncMailbox(t.db, account.mailboxId!, { reason: 'manual' });
    // The owner is told once, the mailbox named (it has no sender account) with where to reconnect.
    const told = await t.db.execute<{ subject: string; text: string }>(
      sql`select subject, convert_from(raw, 'UTF8') as text from preview_messages where "to" @> ${JSON.stringify([org.ownerEmail])}::jsonb`,
    );
    expect(told.map((m) => m.subject)).toEqual([`Reconnect ${address} in Mailroom`]);
    expect(told[0]!.text).toContain('/inbox/mailboxes');
    const [after] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, account.mailboxId!));
    expect(after).toMatchObject({ status: 'error', lastError: expect.stringMatching(/connected again/) });
    const relisted = await callRoute(connectedAccounts.GET, { apiKey: org.apiKey });
    expect(relisted.json.accounts[0]).toMatchObject({
      status: 'needs_reconnect',
      statusReason: expect.stringMatching(/invalid_grant/),
      mailbox: { id: account.mailboxId },
    });
  });

  it('moves to the IMAP server the variables name now when reconnected', async () => {
    const org = await createTestOrg(t.db);
    const address = `moved-${crypto.randomBytes(3).toString('hex')}@gmail.test`;
    const arrange = crypto.randomBytes(8).toString('hex');
    await dovecot.addUser(address, arrange);
    await dovecot.append(address, arrange, 'INBOX', [{ raw: message('Moved') }]);
    const connect = async (accountId?: string) => {
      oauth.nextUser = address;
      const { url } = await startConnect(t.db, org.ctx, {
        provider: 'google',
        purposes: ['receive'],
        accountId: accountId ?? null,
      });
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
      return completeConnect(t.db, org.ctx, {
        provider: 'google',
        state: back.searchParams.get('state')!,
        code: back.searchParams.get('code')!,
      });
    };
    // Connected while GOOGLE_IMAP_* still named the old server.
    Object.assign(process.env, { GOOGLE_IMAP_HOST: 'imap.old.test', GOOGLE_IMAP_PORT: '993' });
    resetEnvCache();
    const account = await connect();
    Object.assign(process.env, { GOOGLE_IMAP_HOST: proxy.host, GOOGLE_IMAP_PORT: String(proxy.port) });
    resetEnvCache();
    const [box] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, account.mailboxId!));
    expect(box).toMatchObject({ host: 'imap.old.test', port: 993 });

    const again = await connect(box!.credentialId);
    expect(again.mailboxId).toBe(account.mailboxId);
    const [moved] = await t.db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, account.mailboxId!));
    expect(moved).toMatchObject({ host: proxy.host, port: proxy.port, security: 'none' });
    const outcome = await syncMailbox(t.db, account.mailboxId!, { reason: 'manual' });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('synced');
  });
});
