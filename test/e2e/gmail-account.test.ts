// A Gmail account connected in a real browser, against an app of its own (web + worker) configured
// only through the variables in .env.example to point at the local OAuth and Gmail API servers:
// Connect Google → the provider's redirect → the account listed → a message composed with an
// attachment arrives at the Gmail server with the outbox's Message-ID; the grant revoked at the
// provider → the account shows "needs reconnect" and the next message waits → Reconnect → it is sent.
import crypto from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { type GmailServer, startGmailServer } from '../helpers/gmail-server';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createDatabaseFromTemplate } from '../helpers/test-database';
import { signInByMagicLink } from './sign-in';

let browser: Browser;
let oauth: OAuthServer;
let gmail: GmailServer;
let app: AppServer;
let sql: postgres.Sql;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  oauth = await startOAuthServer();
  gmail = await startGmailServer(oauth);
  const db = await createDatabaseFromTemplate();
  dropDatabase = db.drop;
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  app = await startApp(db.url, {
    GOOGLE_CLIENT_ID: oauth.clientId,
    GOOGLE_CLIENT_SECRET: oauth.clientSecret,
    GOOGLE_AUTH_URL: `${oauth.url}/authorize`,
    GOOGLE_TOKEN_URL: `${oauth.url}/token`,
    GOOGLE_REVOKE_URL: `${oauth.url}/revoke`,
    GOOGLE_USERINFO_URL: `${oauth.url}/userinfo`,
    GMAIL_API_URL: gmail.url,
    MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sql?.end();
  await dropDatabase?.();
  await gmail?.close();
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
      .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: file });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
  return /\/outbox\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

async function messageRow(id: string) {
  const [m] = await sql<{ status: string; message_id: string; attempts: number }[]>`
    select status, message_id, attempts from outbox_messages where id = ${id}`;
  return m!;
}

describe('a Gmail account in a browser', () => {
  it('connects, sends with the outbox Message-ID, needs reconnecting once revoked, then sends what waited', async () => {
    const address = `office-${crypto.randomBytes(3).toString('hex')}@gmail.test`;
    oauth.nextUser = address;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, app.baseUrl, `olga-${crypto.randomBytes(3).toString('hex')}@example.test`);
    await page.waitForURL(/\/dashboard$/);

    await page.getByRole('link', { name: 'Sender accounts' }).click();
    await page.getByRole('button', { name: 'Connect Google' }).click();
    await page.waitForURL(/\/senders\?connected=/);
    expect(await page.getByText(`Connected ${address}.`).count()).toBe(1);
    const row = page.locator('tr', { hasText: address });
    await row.getByRole('button', { name: 'Make default' }).click();
    await expect.poll(() => row.getByText('default').count()).toBeGreaterThan(0);

    const file = crypto.randomBytes(200_000);
    const first = await compose(page, 'Your invoice', file);
    await expect.poll(async () => (await messageRow(first)).status, { timeout: 30_000 }).toBe('sent');
    const { message_id: messageId } = await messageRow(first);
    const got = gmail.received.find((r) => r.raw.includes(Buffer.from(messageId)));
    expect(got, 'the Gmail server received the message').toBeTruthy();
    const parsed = await simpleParser(got!.raw);
    expect(parsed.messageId).toBe(messageId);
    expect(Buffer.compare(parsed.attachments[0]!.content, file)).toBe(0);

    // The person removes Mailroom's access at Google; the access token runs out.
    oauth.revokeUser(address);
    await sql`update credentials set expires_at = now() - interval '1 second' where provider = 'google'`;
    const second = await compose(page, 'Second invoice');
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
    expect(await messageRow(second)).toMatchObject({ status: 'queued', attempts: 0 });

    await page.locator('tr', { hasText: address }).getByRole('link', { name: 'Reconnect' }).click();
    await page.waitForURL(/\/senders\?connected=/);
    await expect.poll(async () => (await messageRow(second)).status, { timeout: 30_000 }).toBe('sent');
    expect(
      await page.locator('tr', { hasText: address }).getByText('needs reconnect', { exact: true }).count(),
    ).toBe(0);
    expect(await page.content()).not.toMatch(/\bat-[0-9a-f]{24}|\brt-[0-9a-f]{24}/);
  });
});
