// Issue 14: the SMS accounts page as an admin uses it, against an app of its own whose Twilio API is
// a local server (test/helpers/twilio-server.ts): add a preview account and a Twilio one (a refused
// form keeps what was typed, the problem under its field), test the connection (Twilio's answer for
// a good and a wrong token), edit, make default, and delete after the app's own question — by
// keyboard there: focus in the dialog and kept inside it, Escape closes it and nothing happens,
// focus back on the button. Each action that worked says so in a toast.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { createDatabaseFromTemplate } from '../helpers/test-database';
import { startTwilioServer, type TwilioServer } from '../helpers/twilio-server';
import { signInByMagicLink } from './sign-in';

const sid = `AC${crypto.randomBytes(16).toString('hex')}`;
const token = crypto.randomBytes(16).toString('hex');
const email = `sms-admin-${crypto.randomBytes(3).toString('hex')}@example.test`;
let twilio: TwilioServer;
let app: AppServer;
let sql: postgres.Sql;
let dropDatabase: () => Promise<void>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  twilio = await startTwilioServer({ [sid]: token });
  const db = await createDatabaseFromTemplate();
  dropDatabase = db.drop;
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  app = await startApp(db.url, { TWILIO_API_URL: twilio.url });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInByMagicLink(page, app.baseUrl, email);
  await page.waitForURL(/\/dashboard$/);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sql?.end();
  await dropDatabase?.();
  await twilio?.close();
});

const toast = () => page.getByTestId('toast');
const row = (name: string) => page.locator('tr', { hasText: name });
const focused = () =>
  page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.tagName.toLowerCase()}:${(e.textContent ?? '').trim()}` : '';
  });

describe('SMS accounts', () => {
  it('adds a preview account from the page, which a new organisation already has one of', async () => {
    await page.getByRole('link', { name: 'SMS accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'SMS accounts' }).waitFor();
    // A new organisation starts with the preview account, its default.
    expect(await row('SMS preview').getByText('default', { exact: true }).count()).toBe(1);

    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add the account' }) });
    await form.locator('input[name="name"]').fill('Aperçu école');
    await form.locator('select[name="provider"]').selectOption('preview');
    await form.locator('input[name="from"]').fill('ECOLE');
    await form.getByRole('button', { name: 'Add the account' }).click();
    await toast().getByText('SMS account saved.').waitFor();
    expect(await row('Aperçu école').innerText()).toContain('Sent as ECOLE');
  });

  it('adds a Twilio account after a refusal that keeps what was typed, and tests its connection', async () => {
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add the account' }) });
    await form.locator('input[name="name"]').fill('Twilio secrétariat');
    await form.locator('select[name="provider"]').selectOption('twilio');
    await form.locator('input[name="from"]').fill('+15005550006');
    await form.locator('input[name="authToken"]').fill(token);
    await form.getByRole('button', { name: 'Add the account' }).click();
    // No Account SID: said under its field, which takes the focus; nothing else is lost.
    const sidBox = form.locator('input[name="accountSid"]');
    await expect.poll(() => sidBox.getAttribute('aria-invalid')).toBe('true');
    expect(await sidBox.evaluate((e) => e === document.activeElement)).toBe(true);
    const describedBy = (await sidBox.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).not.toBe('');
    expect(await form.locator('input[name="name"]').inputValue()).toBe('Twilio secrétariat');
    expect(await form.locator('input[name="from"]').inputValue()).toBe('+15005550006');
    expect(await form.locator('input[name="authToken"]').inputValue()).toBe(token);

    await sidBox.fill(sid);
    // The box is ticked while the default is a preview account: this one becomes the default later.
    await form.locator('input[name="isDefault"]').uncheck();
    await form.getByRole('button', { name: 'Add the account' }).click();
    await toast().getByText('SMS account saved.').waitFor();
    const twilioRow = row('Twilio secrétariat');
    expect(await twilioRow.innerText()).toContain(sid);
    expect(await twilioRow.innerText()).toContain('secret stored');
    // The token is never shown again.
    expect(await page.locator('body').innerText()).not.toContain(token);

    await twilioRow.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => twilioRow.getByTestId('verify-result').getAttribute('class'), { timeout: 20_000 })
      .toContain('text-green-700');
  });

  it('is edited on its own page: a wrong token fails the test with Twilio’s answer, the right one passes', async () => {
    await row('Twilio secrétariat').getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Twilio secrétariat' }).waitFor();
    // The stored token is not in the form; an empty box keeps it.
    expect(await page.locator('input[name="authToken"]').inputValue()).toBe('');
    await page.locator('input[name="name"]').fill('Twilio école');
    await page.locator('input[name="authToken"]').fill('not-the-token');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/sms-accounts$/);
    await toast().getByText('SMS account saved.').waitFor();
    const before = twilio.unauthorized;
    await row('Twilio école').getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => twilio.unauthorized, { timeout: 20_000 }).toBeGreaterThan(before);
    await expect
      .poll(() => row('Twilio école').getByTestId('verify-result').getAttribute('class'), { timeout: 20_000 })
      .toContain('text-red-700');

    await row('Twilio école').getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Twilio école' }).waitFor();
    await page.locator('input[name="authToken"]').fill(token);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/sms-accounts$/);
    await toast().getByText('SMS account saved.').waitFor();
    // A fresh list: the router may keep the row's last answer (the red one) from before the edit.
    await page.reload();
    await row('Twilio école').getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => row('Twilio école').getByTestId('verify-result').getAttribute('class'), { timeout: 20_000 })
      .toContain('text-green-700');
  });

  it('is made the default', async () => {
    await row('Twilio école').getByRole('button', { name: 'Make default' }).click();
    await toast().getByText('This is now the default SMS account.').waitFor();
    await expect.poll(() => row('Twilio école').getByText('default', { exact: true }).count()).toBe(1);
    expect(await row('SMS preview').getByText('default', { exact: true }).count()).toBe(0);
    const [account] = await sql`select is_default from sender_accounts where name = 'Twilio école'`;
    expect(account!.is_default).toBe(true);
  });

  it('is deleted only after the app’s question, which the keyboard can answer and leave', async () => {
    const remove = row('Aperçu école').getByRole('button', { name: 'Delete' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('p').innerText()).toBe(
      'Delete the SMS account Aperçu école? Messages can no longer be sent from it.',
    );
    // Focus starts on the harmless answer and stays inside the dialog.
    expect(await focused()).toBe('button:Keep it');
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    // Escape closes it, nothing happens, focus is back on the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await remove.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await row('Aperçu école').count()).toBe(1);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Yes, go ahead' }).click();
    await toast().getByText('SMS account deleted.').waitFor();
    await expect.poll(() => row('Aperçu école').count()).toBe(0);
  });
});
