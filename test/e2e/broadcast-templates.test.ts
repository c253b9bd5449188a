// Starting a message from a template in a browser: a template saved over REST (the session's own
// fetch) is offered on the compose page and fills the subject and content; and the Messages page's
// STOP mention setting is saved and shown again.
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

describe('message templates and the STOP mention in the pages', () => {
  it('fills the compose form from a template, and keeps the STOP mention setting', async () => {
    const owner = `template-owner-${Date.now()}@example.test`;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, owner);
    await page.waitForURL(/\/dashboard$/);
    const [org] = await sql<{ id: string }[]>`
      select m.org_id as id from memberships m join users u on u.id = m.user_id where u.email = ${owner}`;
    await sql`insert into contacts (org_id, first_name, email, custom_fields)
      values (${org!.id}, 'Ana', 'ana@template.example', ${sql.json({ childName: 'Hugo' })})`;

    const created = await page.evaluate(async () => {
      const res = await fetch('/api/v1/broadcasts/templates', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Réunion de classe',
          subject: 'Réunion de la classe de {childName}',
          content: 'Bonjour {firstName}, la réunion a lieu demain à 18 h.',
        }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(created.status).toBe(201);

    await page.goto(`${baseUrl}/messages/compose`);
    await page.getByLabel('Start from a template').selectOption({ label: 'Réunion de classe' });
    await expect
      .poll(() => page.locator('input[name=subject]').inputValue())
      .toBe('Réunion de la classe de {childName}');
    expect(await page.locator('textarea[name=content]').inputValue()).toBe(
      'Bonjour {firstName}, la réunion a lieu demain à 18 h.',
    );

    await page.goto(`${baseUrl}/messages`);
    await page.getByLabel('STOP mention of group SMS').fill('STOP au 36180');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByLabel('STOP mention of group SMS').inputValue();
      })
      .toBe('STOP au 36180');
  });
});
