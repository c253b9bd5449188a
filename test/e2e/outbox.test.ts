// The outbox in a real browser, against the shared e2e app and a real SMTP server: a new
// organisation's first message lands in its preview mailbox; an SMTP account is added (test
// connection shows the server's answer), a message with an attachment goes out through it, and
// the outbox page counts it. The password never reaches a page.
import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
let sink: SmtpSink;

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await browser?.close();
  await sink?.close();
});

describe('the outbox in a browser', () => {
  it('sends through the preview account, then through an SMTP account with an attachment', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, `olga-${crypto.randomBytes(3).toString('hex')}@example.test`);
    await page.waitForURL(/\/dashboard$/);

    // A fresh organisation sends into its preview mailbox.
    await page.getByRole('link', { name: 'Compose', exact: true }).click();
    await page.locator('input[name="to"]').fill('Friend <friend@example.test>');
    await page.locator('input[name="subject"]').fill('Hello from the preview account');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello friend');
    // A forged post (not what the editor makes): the server keeps only what the editor could make.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('[data-testid="compose-form"]')!;
      form.querySelector<HTMLInputElement>('input[name="html"]')!.value =
        '<p>Hello <b>friend</b></p><script>alert(1)</script><img src="https://tracker.example/p.gif">';
      form.requestSubmit();
    });
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('message-status').innerText();
        },
        { timeout: 20_000 },
      )
      .toContain('sent');
    await page.getByRole('link', { name: 'Preview mail' }).click();
    await page.getByRole('link', { name: 'Hello from the preview account' }).click();
    expect(await page.getByTestId('mail-subject').innerText()).toBe('Hello from the preview account');
    const frame = page.locator('iframe[title="Message HTML"]');
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await frame.getAttribute('srcdoc')).toContain('<b>friend</b>');
    expect(await frame.getAttribute('srcdoc')).not.toContain('<script>');
    expect(await frame.getAttribute('srcdoc')).not.toContain('tracker.example');
    expect(await page.getByTestId('mail-text').innerText()).toContain('Hello friend');

    // An SMTP account, tested against the server.
    await page.getByRole('link', { name: 'Sender accounts' }).click();
    await page.locator('input[name="name"]').fill('Sink');
    await page.locator('input[name="fromAddress"]').fill('office@example.test');
    await page.locator('input[name="host"]').fill(sink.host);
    await page.locator('input[name="port"]').fill(String(sink.port));
    await page.locator('input[name="username"]').fill(sink.user);
    await page.locator('input[name="password"]').fill(sink.pass);
    await page.locator('input[name="allowInvalidCertificate"]').check();
    await page.locator('input[name="isDefault"]').check();
    await page.getByRole('button', { name: 'Add account' }).click();
    const row = page.locator('tr', { hasText: 'office@example.test' });
    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => row.getByTestId('verify-result').innerText(), { timeout: 20_000 })
      .toContain('signed in as sink-user');
    expect(await page.content()).not.toContain(sink.pass);

    // A message with an attachment through it.
    const file = crypto.randomBytes(50_000);
    await page.getByRole('link', { name: 'Compose', exact: true }).click();
    await page.locator('input[name="to"]').fill('client@example.test');
    await page.locator('input[name="subject"]').fill('Your invoice');
    await page.getByRole('textbox', { name: 'Message' }).fill('Please find it attached.');
    await page
      .getByLabel('Attachments')
      .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: file });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    await sink.waitFor(1, 30_000);
    const mail = await sink.parse(sink.received[0]!);
    expect(mail.subject).toBe('Your invoice');
    expect(Buffer.compare(mail.attachments[0]!.content, file)).toBe(0);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('message-status').innerText();
        },
        { timeout: 20_000 },
      )
      .toContain('sent');
    expect(
      await page.locator('td', { hasText: `250 OK queued as ${sink.received[0]!.queueId}` }).count(),
    ).toBe(1);

    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await expect.poll(() => page.getByTestId('count-sent').innerText()).toBe('2');
  });
});
