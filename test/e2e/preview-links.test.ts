// Links in previewed mail (issue 14, bug 3): the Sign in link of the sign-in email, clicked inside
// the sandboxed HTML frame, opens in a new tab; the text part's address is a link too. Scripts in
// the frame stay off.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('links in the preview mailbox', () => {
  it('open in a new tab, from the HTML frame and from the text part', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const email = 'links@example.test';
    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.waitForURL(/\/signin\/check-email/);
    await page.goto(`${baseUrl}/mailbox`);
    await page
      .locator('tr', { hasText: email })
      .filter({ hasText: 'Sign in to Mailroom' })
      .first()
      .getByRole('link')
      .click();

    const frameElement = page.locator('iframe[title="Message HTML"]');
    expect(await frameElement.getAttribute('sandbox')).not.toContain('allow-scripts');
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      page.frameLocator('iframe[title="Message HTML"]').getByRole('link', { name: 'Sign in' }).click(),
    ]);
    // The new tab followed the sign-in link: it is signed in, on the dashboard.
    await opened.waitForURL(/\/dashboard$/);
    expect(await opened.getByTestId('signed-in-as').innerText()).toBe(email);
    // Still on the message: the click did not navigate the frame or the page.
    expect(page.url()).toMatch(/\/mailbox\/[^/]+$/);

    const textLink = page.getByTestId('mail-text').getByRole('link');
    expect(await textLink.getAttribute('href')).toMatch(/^https?:\/\/\S+\/api\/auth\/callback\/email\?/);
    expect(await textLink.getAttribute('target')).toBe('_blank');
    expect(await textLink.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
