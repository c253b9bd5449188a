// Signing in as a person would: ask for a link, read it in the preview mailbox, follow it.

import type { Page } from 'playwright-core';

export async function signInByMagicLink(page: Page, baseUrl: string, email: string, callbackPath?: string) {
  await page.goto(
    `${baseUrl}/signin${callbackPath ? `?callbackUrl=${encodeURIComponent(callbackPath)}` : ''}`,
  );
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.waitForURL(/\/signin\/check-email/);
  await page.getByRole('link', { name: 'Open the preview mailbox' }).click();
  await page.waitForURL(/\/mailbox$/);
  const row = page.locator('tr', { hasText: email }).filter({ hasText: 'Sign in to Mailroom' }).first();
  await row.getByRole('link').click();
  const text = await page.getByTestId('mail-text').innerText();
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(text)?.[0];
  // Thrown, not asserted with expect: benchmarks sign in this way too, outside vitest.
  if (!link) throw new Error(`the sign-in email holds no callback link: ${text.slice(0, 200)}`);
  await page.goto(link);
}
