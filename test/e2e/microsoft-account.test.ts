// A Microsoft 365 account connected in a real browser, against an app of its own (web + worker)
// configured only through the variables in .env.example: the local OAuth server answers at
// {authority}/{tenant}/oauth2/v2.0/…, rotates refresh tokens and issues a token per resource as
// Microsoft does, and the local Graph server checks each token's audience (Mail.Send). Connect
// Microsoft → account listed → a message composed with a 10 MB attachment arrives through Graph
// (a draft and an upload session) with the outbox's Message-ID → tokens renewed twice (the second renewal works only if the
// rotated refresh token was saved) → the grant revoked → "needs reconnect", the message waits →
// Reconnect → it is sent. And an account connected for receiving only, from the Mailboxes page:
// listed there (not among the sender accounts) and synced over IMAP XOAUTH2 from a Dovecot whose
// oauth2 passdb checks the token at the same OAuth server.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { type GraphServer, startGraphServer } from '../helpers/graph-server';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createDatabaseFromTemplate } from '../helpers/test-database';
import { signInByMagicLink } from './sign-in';

let browser: Browser;
let oauth: OAuthServer;
let graph: GraphServer;
let dovecot: Dovecot;
let app: AppServer;
let sql: postgres.Sql;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  oauth = await startOAuthServer();
  oauth.rotateRefreshTokens = true;
  oauth.tokensPerResource = true;
  graph = await startGraphServer(oauth);
  dovecot = await startDovecot({ oauth2IntrospectionUrl: `${oauth.url}/introspect` });
  const db = await createDatabaseFromTemplate();
  dropDatabase = db.drop;
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  app = await startApp(db.url, {
    MICROSOFT_CLIENT_ID: oauth.clientId,
    MICROSOFT_CLIENT_SECRET: oauth.clientSecret,
    MICROSOFT_TENANT: 'organizations',
    MICROSOFT_AUTHORITY_URL: `${oauth.url}/{tenant}`,
    MICROSOFT_GRAPH_URL: graph.url,
    MICROSOFT_IMAP_HOST: dovecot.host,
    MICROSOFT_IMAP_PORT: String(dovecot.port),
    MICROSOFT_IMAP_SECURITY: 'none',
    MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sql?.end();
  await dropDatabase?.();
  await destroyDovecot(dovecot);
  await graph?.close();
  await oauth?.close();
});

async function compose(page: Page, subject: string, file?: Buffer): Promise<string> {
  await page.getByRole('link', { name: 'Compose', exact: true }).click();
  await page.locator('input[name="to"]').fill('client@example.test');
  await page.locator('input[name="subject"]').fill(subject);
  await page.getByRole('textbox', { name: 'Message' }).fill('Please find it attached.');
  if (file)
    await page
      .getByLabel('Attachments')
      .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: file });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  return /\/outbox\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

async function messageRow(id: string) {
  const [m] = await sql<
    { status: string; message_id: string; attempts: number; last_error: string | null }[]
  >`
    select status, message_id, attempts, last_error from outbox_messages where id = ${id}`;
  return m!;
}

async function waitSent(id: string) {
  await expect
    .poll(
      async () => {
        const m = await messageRow(id);
        return m.status === 'sent' ? 'sent' : `${m.status} ${m.last_error ?? ''}`;
      },
      { timeout: 60_000 },
    )
    .toBe('sent');
  return messageRow(id);
}

const expireAccessToken = () =>
  sql`update credentials set expires_at = now() - interval '1 second' where provider = 'microsoft'`;

describe('a Microsoft 365 account in a browser', () => {
  it('connects, sends 10 MB through Graph, keeps rotated refresh tokens, needs reconnecting once revoked', async () => {
    const address = `office-${crypto.randomBytes(3).toString('hex')}@contoso.test`;
    oauth.nextUser = address;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, app.baseUrl, `mia-${crypto.randomBytes(3).toString('hex')}@example.test`);
    await page.waitForURL(/\/dashboard$/);

    await page.getByRole('link', { name: 'Sender accounts' }).click();
    await page.getByRole('button', { name: 'Connect Microsoft' }).click();
    await page.waitForURL(/\/senders\?connected=/);
    expect(await page.getByText(`Connected ${address}.`).count()).toBe(1);
    const row = page.locator('tr', { hasText: address });
    await row.getByRole('button', { name: 'Make default' }).click();
    await expect.poll(() => row.getByText('default').count()).toBeGreaterThan(0);

    const file = crypto.randomBytes(10 * 1024 * 1024);
    const first = await waitSent(await compose(page, 'Your report', file));
    const got = graph.sentDrafts.find((d) => d.message.internetMessageId === first.message_id);
    expect(got, 'Graph received the message').toBeTruthy();
    expect(got!.user).toBe(address);
    expect(got!.attachments.find((a) => a.name === 'report.pdf')!.content.equals(file)).toBe(true);
    const sentMime = (messageId: string) => graph.mime.some((m) => m.raw.includes(Buffer.from(messageId)));

    // Two renewals in a row: the server forgets each refresh token it replaced, so the second one
    // succeeds only if the first renewal's rotated token was saved with its access token.
    const refreshes = oauth.refreshCalls;
    for (const subject of ['Second report', 'Third report']) {
      await expireAccessToken();
      await waitSent(await compose(page, subject));
    }
    expect(oauth.refreshCalls - refreshes).toBe(2);
    expect(graph.wrongAudience).toBe(0);

    // The person removes Mailroom's access; the access token runs out.
    oauth.revokeUser(address);
    await expireAccessToken();
    const waiting = await compose(page, 'Fourth report');
    await expect
      .poll(
        async () => {
          await page.goto(`${app.baseUrl}/senders`);
          return page
            .locator('tr', { hasText: address })
            .getByText('needs reconnect', { exact: true })
            .count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await messageRow(waiting)).toMatchObject({ status: 'queued', attempts: 0 });

    await page.locator('tr', { hasText: address }).getByRole('link', { name: 'Reconnect' }).click();
    await page.waitForURL(/\/senders\?connected=/);
    const fourth = await waitSent(waiting);
    expect(sentMime(fourth.message_id)).toBe(true);
    expect(
      await page.locator('tr', { hasText: address }).getByText('needs reconnect', { exact: true }).count(),
    ).toBe(0);
    expect(await page.content()).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);
  });

  it('connected for receiving only: a mailbox, not a sender, synced over IMAP XOAUTH2', async () => {
    const address = `inbox-${crypto.randomBytes(3).toString('hex')}@contoso.test`;
    // Mail already waiting in the mailbox (arranged with a password the app never has).
    const arrange = crypto.randomBytes(8).toString('hex');
    await dovecot.addUser(address, arrange);
    await dovecot.append(address, arrange, 'INBOX', [
      {
        raw: `From: client@example.test\r\nTo: ${address}\r\nSubject: Order 42\r\nMessage-ID: <${crypto.randomUUID()}@example.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nPlease confirm.\r\n`,
      },
    ]);
    oauth.nextUser = address;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, app.baseUrl, `ines-${crypto.randomBytes(3).toString('hex')}@example.test`);
    await page.waitForURL(/\/dashboard$/);

    await page.getByRole('link', { name: 'Mailboxes' }).click();
    await page.waitForURL(/\/inbox\/mailboxes$/);
    expect(await page.getByLabel('What the Microsoft account is for').inputValue()).toBe('receive');
    await page.getByRole('button', { name: 'Connect Microsoft' }).click();
    await page.waitForURL(/\/inbox\/mailboxes\?connected=/);
    expect(await page.getByText(`Connected ${address}: its mail is synced here.`).count()).toBe(1);
    const row = page.getByTestId('mailbox-row').filter({ hasText: address });
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Sync now' }).click();
    const [box] = await sql<{ id: string }[]>`select id from inbox_mailboxes where username = ${address}`;
    await expect
      .poll(
        async () =>
          (await sql`select subject from inbox_messages where mailbox_id = ${box!.id}`).map((m) => m.subject),
        { timeout: 60_000 },
      )
      .toEqual(['Order 42']);
    await expect
      .poll(async () => {
        await page.goto(`${app.baseUrl}/inbox/mailboxes`);
        return page.getByTestId('mailbox-row').filter({ hasText: address }).getByText('success').count();
      })
      .toBe(1);

    await page.goto(`${app.baseUrl}/senders`);
    expect(await page.locator('tr', { hasText: address }).count()).toBe(0);

    // The grant revoked at Microsoft: the mailbox row says "needs reconnect" (from the grant's
    // status, as the REST list does) with a Reconnect link that runs the flow again for it.
    oauth.revokeUser(address);
    await expireAccessToken();
    await page.goto(`${app.baseUrl}/inbox/mailboxes`);
    await page
      .getByTestId('mailbox-row')
      .filter({ hasText: address })
      .getByRole('button', { name: 'Sync now' })
      .click();
    const needsReconnect = () =>
      page.getByTestId('mailbox-row').filter({ hasText: address }).getByTestId('mailbox-needs-reconnect');
    await expect
      .poll(
        async () => {
          await page.goto(`${app.baseUrl}/inbox/mailboxes`);
          return needsReconnect().getByText('needs reconnect', { exact: true }).count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    // Its own page says so too, with the provider's reason and the way to fix it.
    await page.goto(`${app.baseUrl}/inbox/mailboxes/${box!.id}`);
    const notice = page.getByTestId('needs-reconnect-notice');
    expect(await notice.innerText()).toContain(`${address} needs to be reconnected`);
    expect(await notice.getByRole('link', { name: 'Reconnect' }).count()).toBe(1);
    await page.goto(`${app.baseUrl}/inbox/mailboxes`);
    await needsReconnect().getByRole('link', { name: 'Reconnect' }).click();
    await page.waitForURL(/\/inbox\/mailboxes\?connected=/);
    expect(await needsReconnect().count()).toBe(0);
    // Still one mailbox for the address, signing in again.
    expect(await sql`select id from inbox_mailboxes where username = ${address}`).toEqual([{ id: box!.id }]);
    await dovecot.append(address, arrange, 'INBOX', [
      {
        raw: `From: client@example.test\r\nTo: ${address}\r\nSubject: Order 43\r\nMessage-ID: <${crypto.randomUUID()}@example.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nAnd this one.\r\n`,
      },
    ]);
    await page
      .getByTestId('mailbox-row')
      .filter({ hasText: address })
      .getByRole('button', { name: 'Sync now' })
      .click();
    await expect
      .poll(
        async () =>
          (await sql`select subject from inbox_messages where mailbox_id = ${box!.id} order by subject`).map(
            (m) => m.subject,
          ),
        { timeout: 60_000 },
      )
      .toEqual(['Order 42', 'Order 43']);
  });
});
