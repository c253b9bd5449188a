// The messages pages in a browser: compose to a group (the page counts emails and SMS before
// sending, and the SMS length with the organisation's STOP mention against the chosen SMS
// account's limit), schedule it for tomorrow in the organisation's zone, let it fall due, process it the
// cron users' way, watch the detail page reach "sent" with its recipients, and read the statistics
// page's chart and numbers.
import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
const sql = postgres(inject('e2eDatabaseUrl'), { max: 1, onnotice: () => {} });

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sql.end();
});

describe('messages pages', () => {
  it('composes, schedules, processes and shows statistics', async () => {
    const owner = `broadcast-owner-${Date.now()}@example.test`;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, owner);
    await page.waitForURL(/\/dashboard$/);
    const [org] = await sql<{ id: string }[]>`
      select m.org_id as id from memberships m join users u on u.id = m.user_id where u.email = ${owner}`;
    const orgId = org!.id;
    const [group] = await sql<{ id: string }[]>`
      insert into contact_groups (org_id, name) values (${orgId}, 'CM2 B') returning id`;
    const people = await sql<{ id: string }[]>`
      insert into contacts (org_id, first_name, email, phone) values
        (${orgId}, 'Ana', 'ana@e2e.example', null),
        (${orgId}, 'Ben', 'ben@e2e.example', '+33611111111'),
        (${orgId}, 'Cleo', null, '+33622222222')
      returning id`;
    for (const p of people) {
      await sql`insert into contact_group_members (org_id, group_id, contact_id) values (${orgId}, ${group!.id}, ${p.id})`;
    }
    await sql`insert into broadcast_settings (org_id, sms_stop_mention) values (${orgId}, 'STOP au 36180')`;
    // A second SMS account that allows one segment per SMS (after the list, which makes the preview
    // account the organisation starts with and keeps it the default).
    const short = await page.evaluate(async () => {
      await fetch('/api/v1/sms-accounts');
      const res = await fetch('/api/v1/sms-accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Short', provider: 'preview', from: 'Ecole', maxSegments: 1 }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(short.status, JSON.stringify(short.body)).toBe(201);

    await page.goto(`${baseUrl}/dashboard`);
    await page.getByRole('link', { name: 'Messages' }).first().click();
    await page.waitForURL(/\/messages$/);
    await page.getByRole('link', { name: 'New message' }).click();
    await page.waitForURL(/\/messages\/compose$/);
    await page.getByLabel('CM2 B').check();
    const counts = page.getByTestId('recipient-counts');
    await expect.poll(() => counts.innerText()).toContain('3 contacts now: 2 emails, no SMS');
    await page.getByLabel('SMS', { exact: true }).check();
    await expect.poll(() => counts.innerText()).toContain('3 contacts now: 2 emails, 2 SMS');
    // 150 characters typed: one segment alone, two with the group message's STOP mention (164).
    await page.locator('textarea[name=content]').fill('x'.repeat(150));
    const length = page.getByTestId('sms-length');
    await expect
      .poll(() => length.innerText())
      .toContain('SMS as typed: 164 characters, 2 segments (GSM-7) per recipient.');
    expect(await length.innerText()).toContain(
      'Includes the STOP mention “STOP au 36180”, added on its own line to the SMS of messages to groups.',
    );
    expect(await length.innerText()).not.toContain('Over the');
    await page.getByLabel('SMS account').selectOption({ label: 'Short — Ecole' });
    await expect
      .poll(() => length.innerText())
      .toContain('Over the SMS account’s limit of 1 segment per SMS: the message will be refused.');
    await page.getByLabel('SMS', { exact: true }).uncheck();
    expect(await page.getByTestId('sms-length').count()).toBe(0);
    await page.locator('input[name=subject]').fill('Réunion de demain');
    await page
      .locator('textarea[name=content]')
      .fill('Bonjour {firstName}, la réunion a lieu demain à 18 h.');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('scheduled-at').fill(`${tomorrow}T18:00`);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('broadcast-status').innerText()).toBe('scheduled');
    const id = page.url().split('/').at(-1)!;

    // Time passes: it is due now. The cron users' call processes it; the worker sends.
    await sql`update broadcasts set scheduled_at = now() - interval '1 second' where id = ${id}`;
    const processed = await page.evaluate(async () => {
      const res = await fetch('/api/v1/broadcasts/process-scheduled', { method: 'POST' });
      return res.json();
    });
    expect(processed.processed).toEqual([{ id, status: 'pending', email: 2, sms: 0, skipped: 1 }]);

    await page.reload();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('broadcast-status').innerText();
        },
        { timeout: 30_000 },
      )
      .toBe('sent');
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(3);
    expect(await page.getByTestId('recipient-row').filter({ hasText: 'Cleo' }).innerText()).toContain(
      'skipped',
    );
    expect(await page.getByTestId('stat-sent').innerText()).toContain('2');

    await page.getByRole('link', { name: 'All messages' }).click();
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.waitForURL(/\/messages\/stats$/);
    await expect.poll(() => page.getByTestId('bar-chart').locator('svg').count()).toBeGreaterThan(0);
    const sent = await page.getByTestId('stat-sent').innerText();
    expect(sent.split(/\s+/).filter(Boolean)).toEqual(['Sent', '2', '0']);
    expect((await page.getByTestId('stat-skipped').innerText()).split(/\s+/).filter(Boolean)).toEqual([
      'Skipped',
      '1',
      '0',
    ]);
  });
});
