// Issue 14, bugs 9 and 10: a scheduled message has an Edit button on its page; cancelling asks
// first and says what will happen; retrying a cancelled message keeps its time (a week ahead stays
// a week ahead) unless the user chooses "Send now".
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { instantToZonedLocal } from '@/lib/i18n/zoned-time';
import { launchBrowser } from '../helpers/browser';
import { agreeToDialog } from './confirm-dialog';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
const sql = postgres(inject('e2eDatabaseUrl'), { max: 2, onnotice: () => {} });
let browser: Browser;
let page: Page;
const email = `sched-${crypto.randomBytes(3).toString('hex')}@example.test`;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await signInByMagicLink(page, baseUrl, email);
  await page.waitForURL(/\/dashboard$/);
});
afterAll(async () => {
  await browser?.close();
  await sql.end();
});

describe('a scheduled message', () => {
  it('is edited from its page, cancelled after a question, and retried at its own time', async () => {
    const [org] = await sql`
      select o.time_zone from organizations o join memberships m on m.org_id = o.id
      join users u on u.id = m.user_id where u.email = ${email}`;
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    inAWeek.setSeconds(0, 0);
    await page.goto(`${baseUrl}/outbox/compose`);
    await page.locator('input[name="to"]').fill('parents@example.test');
    await page.locator('input[name="subject"]').fill('Kermesse');
    await page.getByRole('textbox', { name: 'Message' }).fill('Rendez-vous samedi.');
    await page.getByTestId('send-at').fill(instantToZonedLocal(inAWeek, org!.time_zone));
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    const id = /outbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // Edit.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    expect(await page.locator('input[name="to"]').inputValue()).toBe('parents@example.test');
    await page.locator('input[name="subject"]').fill('Kermesse de juin');
    // The body opens in the same editor as Compose, with what was written.
    const editor = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => editor.innerText()).toBe('Rendez-vous samedi.');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Apportez un gâteau.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    await page.getByTestId('toast').getByText('Changes saved.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Kermesse de juin');
    const [edited] = await sql`select html, text from outbox_messages where id = ${id}`;
    expect(edited!.html).toBe('<p>Rendez-vous samedi.</p><p><strong>Apportez un gâteau.</strong></p>');
    expect(edited!.text).toContain('Apportez un gâteau.');

    // Saved again without touching the body: the body stays as stored.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await expect.poll(() => editor.innerText()).toContain('Apportez un gâteau.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('toast').getByText('Changes saved.').waitFor();
    const [kept] = await sql`select html, text from outbox_messages where id = ${id}`;
    expect(kept).toEqual(edited);

    // Cancel, after a question naming the recipients.
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await agreeToDialog(page)).toBe(
      'Cancel this message to parents@example.test? It will not be sent.',
    );
    await expect
      .poll(async () => (await sql`select status from outbox_messages where id = ${id}`)[0]!.status, {
        timeout: 10_000,
      })
      .toBe('cancelled');
    await page.getByTestId('toast').getByText('Message cancelled.').waitFor();

    // Retry keeps the time.
    await page.getByRole('button', { name: /^Schedule again for / }).click();
    await page.waitForURL(
      (url) => /\/outbox\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.includes(id),
    );
    await page.getByTestId('toast').getByText('A new copy is on its way.').waitFor();
    const copyId = /outbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const [copy] = await sql`select status, send_at, retry_of from outbox_messages where id = ${copyId}`;
    expect(copy!.status).toBe('scheduled');
    expect(copy!.retry_of).toBe(id);
    expect(new Date(copy!.send_at).getTime()).toBe(inAWeek.getTime());
  });

  it('keeps HTML the editor cannot hold in its raw boxes, untouched when saved', async () => {
    // As the REST API stores a message with a table of its own (nothing the editor makes).
    const html = '<table><tr><td style="padding:4px">Total</td><td>120 €</td></tr></table>';
    const [m] = await sql`
      insert into outbox_messages (org_id, sender_id, status, from_address, "to", subject, text, html,
        message_id, max_attempts, send_at)
      select s.org_id, s.id, 'scheduled', s.from_address, ${sql.json([{ address: 'compta@example.test' }])},
        'Relevé', 'Total 120 €', ${html}, ${`<raw-${crypto.randomUUID()}@example.test>`}, 3,
        now() + interval '7 days'
      from sender_accounts s join memberships mb on mb.org_id = s.org_id join users u on u.id = mb.user_id
      where u.email = ${email} and s.channel = 'email' limit 1
      returning id`;
    await page.goto(`${baseUrl}/outbox/${m!.id}/edit`);
    await page.getByText('was not written in the editor').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await page.locator('textarea[name="html"]').inputValue()).toBe(html);
    await page.locator('input[name="subject"]').fill('Relevé de juin');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('toast').getByText('Changes saved.').waitFor();
    const [saved] = await sql`select subject, html, text from outbox_messages where id = ${m!.id}`;
    expect(saved).toEqual({ subject: 'Relevé de juin', html, text: 'Total 120 €' });
  });
});
