// Replying from the shared inbox and new mail as it arrives, in a real browser against the built
// app and its worker: reply to a synced message from its page (the editor fills the recipient and
// Re:, quotes the original), see the reply in the conversation with its outbox status; then, with
// the inbox open, mail appended to Dovecot appears without a reload (IDLE push → NOTIFY → SSE) with
// the unread count in the navigation, and a bounce is labelled as one.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, FIXTURES_DIR } from '../helpers/inbox';
import { signInByMagicLink } from './sign-in';

let dovecot: Dovecot;
let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  dovecot = await startDovecot();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await destroyDovecot(dovecot);
});

describe('reply and live inbox', () => {
  it('replies from a message’s page, then shows new mail and a bounce as they arrive', async () => {
    const email = 'desk@example.com';
    await dovecot.addUser(email, 'desk-pw');
    await dovecot.append(email, 'desk-pw', 'INBOX', [
      {
        raw: buildMessage({
          subject: 'Opening hours',
          from: 'Paul Durand <paul@client.example>',
          to: email,
          text: 'Are you open on Saturday?',
          messageId: '<hours-1@client.example>',
        }),
      },
    ]);
    const page = await browser.newPage();
    await signInByMagicLink(page, baseUrl, `reply-${Date.now()}@example.test`);
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${baseUrl}/inbox/mailboxes/new`);
    const field = (name: string) => page.locator(`[name="${name}"]`);
    await field('name').fill('Desk');
    await field('host').fill('127.0.0.1');
    await field('port').fill(String(dovecot.port));
    await field('security').selectOption('none');
    await field('username').fill(email);
    await field('password').fill('desk-pw');
    await page.getByRole('button', { name: 'Connect mailbox' }).click();
    await page.waitForURL(/\/inbox\/mailboxes\/[0-9a-f-]+\?saved=1/);
    await page.getByRole('button', { name: 'Sync now' }).first().click();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('body').innerText();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/1 messages? · 0 quarantined/);

    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('link', { name: 'Opening hours' }).click();
    await page.waitForURL(/\/inbox\/messages\/[0-9a-f-]+$/);
    await page.getByRole('link', { name: 'Reply', exact: true }).click();
    await page.waitForURL(/\/reply$/);
    expect(await field('to').inputValue()).toBe('Paul Durand <paul@client.example>');
    expect(await field('subject').inputValue()).toBe('Re: Opening hours');
    expect(await page.getByTestId('reply-quote').innerText()).toContain('Are you open on Saturday?');
    await page.getByRole('textbox', { name: 'Your message' }).fill('Yes, from 9 to 12.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\?sent=/);
    const reply = page.getByTestId('thread-reply');
    await reply.waitFor();
    expect(await reply.innerText()).toMatch(
      /paul@client\.example · Re: Opening hours[\s\S]*Sent from Mailroom/,
    );
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('thread-reply').locator('[data-status]').getAttribute('data-status');
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('sent');

    // The inbox open: new mail arrives by push, shown without a reload, counted in the navigation.
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('inbox-thread').first().waitFor();
    const real = fs.readFileSync(path.join(FIXTURES_DIR, 'delivery-status.eml'));
    await dovecot.append(email, 'desk-pw', 'INBOX', [
      { raw: buildMessage({ subject: 'Parking question', from: 'anne@client.example', to: email }) },
      { raw: real },
    ]);
    await page.getByTestId('inbox-arrived').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('inbox-thread').allInnerTexts(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Parking question')]));
    expect(await page.getByTestId('nav-unread').innerText()).toBe('2');
    const bounce = page.getByTestId('inbox-thread').filter({ hasText: 'Delivery Status Notification' });
    expect(await bounce.getByTestId('automatic-label').innerText()).toBe('Bounce');
    await page.close();
  });
});
