// "Continue with Google" and "Continue with Microsoft" for real, against a local OpenID Connect
// server (discovery, JWKS, signed ID token, PKCE) that Auth.js's providers use as their issuer
// through AUTH_GOOGLE_ISSUER / AUTH_MICROSOFT_ENTRA_ID_ISSUER, in an app of its own: an invited
// colleague who signs in with Google lands in the organisation that invited them, exactly as a
// magic-link user would; someone who first came by magic link and later signs in with Google is
// the same person, in the same organisation; a newcomer by Microsoft gets an organisation of
// their own, as a newcomer by link does.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { type OAuthServer, startOAuthServer } from '../helpers/oauth-server';
import { createDatabaseFromTemplate } from '../helpers/test-database';
import { signInByMagicLink } from './sign-in';

let browser: Browser;
let oauth: OAuthServer;
let app: AppServer;
let sql: postgres.Sql;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  oauth = await startOAuthServer();
  const db = await createDatabaseFromTemplate();
  dropDatabase = db.drop;
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  app = await startApp(db.url, {
    AUTH_GOOGLE_ID: oauth.clientId,
    AUTH_GOOGLE_SECRET: oauth.clientSecret,
    AUTH_GOOGLE_ISSUER: oauth.url,
    AUTH_MICROSOFT_ENTRA_ID_ID: oauth.clientId,
    AUTH_MICROSOFT_ENTRA_ID_SECRET: oauth.clientSecret,
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: oauth.url,
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sql?.end();
  await dropDatabase?.();
  await oauth?.close();
});

const currentOrganisations = (page: Page) => page.locator('#org-switch option').allInnerTexts();

async function continueWith(provider: 'Google' | 'Microsoft', page: Page, email: string) {
  oauth.nextUser = email;
  await page.getByRole('button', { name: `Continue with ${provider}` }).click();
}
const continueWithGoogle = (page: Page, email: string) => continueWith('Google', page, email);

describe('signing in with Google or Microsoft', () => {
  it('an invited colleague joins the inviting organisation; a magic-link user stays themselves', async () => {
    const suffix = crypto.randomBytes(3).toString('hex');
    const owner = `owner-${suffix}@example.test`;
    const colleague = `colleague-${suffix}@gmail.test`;

    const ownerPage = await (await browser.newContext()).newPage();
    await signInByMagicLink(ownerPage, app.baseUrl, owner);
    await ownerPage.waitForURL(/\/dashboard$/);
    const [orgName] = await currentOrganisations(ownerPage);
    expect(orgName).toBeTruthy();

    await ownerPage.goto(`${app.baseUrl}/settings/members`);
    await ownerPage.getByLabel('Email').fill(colleague);
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    await ownerPage.getByText(`Invitation sent to ${colleague}.`).waitFor();
    // The invitation as the colleague receives it (the preview mailbox of this test app).
    await ownerPage.goto(`${app.baseUrl}/mailbox`);
    await ownerPage.locator('tr', { hasText: colleague }).first().getByRole('link').click();
    const text = await ownerPage.getByTestId('mail-text').innerText();
    const link = /https?:\/\/\S+\/invite\/[\w-]+/.exec(text)?.[0];
    expect(link, 'the invitation email contains its link').toBeTruthy();

    const page = await (await browser.newContext()).newPage();
    await page.goto(link!);
    await page.waitForURL(/\/signin\?callbackUrl=/);
    await continueWithGoogle(page, colleague);
    await page.waitForURL(/\/invite\//);
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.waitForURL(/\/dashboard$/);
    expect(await currentOrganisations(page)).toEqual([orgName]);
    const [linked] = await sql<{ provider: string; email: string }[]>`
      select a.provider, u.email from accounts a join users u on u.id = a.user_id where u.email = ${colleague}`;
    expect(linked).toMatchObject({ provider: 'google' });

    // The owner, who came by magic link, now presses "Continue with Google": the same user (not
    // OAuthAccountNotLinked, not a second account), with the same organisation.
    const again = await (await browser.newContext()).newPage();
    await again.goto(`${app.baseUrl}/signin`);
    await continueWithGoogle(again, owner);
    await again.waitForURL(/\/dashboard$/);
    expect(await currentOrganisations(again)).toEqual([orgName]);
    const users = await sql`select id from users where email = ${owner}`;
    expect(users).toHaveLength(1);
    expect(
      await sql`select 1 from accounts where user_id = ${users[0]!.id} and provider = 'google'`,
    ).toHaveLength(1);
  });

  it('a newcomer by Microsoft gets an organisation of their own', async () => {
    const email = `nora-${crypto.randomBytes(3).toString('hex')}@contoso.test`;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.baseUrl}/signin`);
    await continueWith('Microsoft', page, email);
    await page.waitForURL(/\/dashboard$/);
    const orgs = await currentOrganisations(page);
    expect(orgs).toHaveLength(1);
    const [linked] = await sql<{ provider: string; role: string }[]>`
      select a.provider, m.role from users u join accounts a on a.user_id = u.id
      join memberships m on m.user_id = u.id where u.email = ${email}`;
    expect(linked).toMatchObject({ provider: 'microsoft-entra-id', role: 'owner' });
  });
});
