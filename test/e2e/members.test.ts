// The members page: an owner changes a member's role and removes them; the last owner has no
// controls that could only be refused.

import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { agreeToDialog } from './confirm-dialog';
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

describe('members page', () => {
  it('an owner changes a role and removes a member', async () => {
    const owner = `members-owner-${Date.now()}@example.test`;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, owner);
    await page.waitForURL(/\/dashboard$/);

    // A colleague who joined earlier (as an accepted invitation would have added them).
    const colleague = `colleague-${Date.now()}@example.test`;
    const [user] = await sql`insert into users (email) values (${colleague}) returning id`;
    await sql`
      insert into memberships (org_id, user_id, role)
      select m.org_id, ${user!.id}, 'member' from memberships m join users u on u.id = m.user_id
      where u.email = ${owner}`;

    await page.goto(`${baseUrl}/settings/members`);
    const ownerRow = page.getByTestId(`member-${owner}`);
    expect(await ownerRow.getByRole('button').count()).toBe(0);

    const row = page.getByTestId(`member-${colleague}`);
    await row.getByLabel(`Role of ${colleague}`).selectOption('admin');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => row.locator('td').nth(2).innerText()).toBe('admin');
    const [stored] = await sql`select role from memberships where user_id = ${user!.id}`;
    expect(stored!.role).toBe('admin');

    await row.getByRole('button', { name: 'Remove' }).click();
    await agreeToDialog(page);
    await expect.poll(() => page.getByTestId(`member-${colleague}`).count()).toBe(0);
    expect(await sql`select 1 from memberships where user_id = ${user!.id}`).toHaveLength(0);
  });
});
