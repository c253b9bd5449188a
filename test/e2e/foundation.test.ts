import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
let adaKey = '';
let linus: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a new user, in a real browser', () => {
  it('signs up by magic link from the preview mailbox, sees the dashboard, creates an API key the API accepts', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, 'ada@example.test');

    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe("ada's organisation");
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('ada@example.test');
    expect(await page.getByTestId('worker-status').innerText()).toBe('Running');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('Billing server');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByTestId('new-api-key').innerText();
    expect(key).toMatch(/^mr_live_/);
    adaKey = key;
    await expect.poll(() => page.locator('td', { hasText: 'Billing server' }).count()).toBe(1);

    const ok = await fetch(`${baseUrl}/api/v1/org`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: "ada's organisation", role: 'admin' });

    const wrong = await fetch(`${baseUrl}/api/v1/org`, {
      headers: { authorization: 'Bearer mr_live_wrong' },
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');
    const none = await fetch(`${baseUrl}/api/v1/org`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('invites a member who signs in from the link and joins with the role', async () => {
    const owner = await (await browser.newContext()).newPage();
    await signInByMagicLink(owner, baseUrl, 'grace@example.test');
    await owner.waitForURL(/\/dashboard$/);
    await owner.getByRole('link', { name: 'Members' }).click();
    await owner.getByLabel('Email').fill('linus@example.test');
    await owner.getByLabel('Role').selectOption('admin');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await expect
      .poll(() => owner.getByRole('status').innerText())
      .toContain('Invitation sent to linus@example.test');

    const invitee = await (await browser.newContext()).newPage();
    linus = invitee;
    await invitee.goto(`${baseUrl}/mailbox`);
    await invitee.locator('tr', { hasText: 'linus@example.test' }).getByRole('link').first().click();
    const inviteLink = /https?:\/\/\S+\/invite\/[\w-]+/.exec(
      await invitee.getByTestId('mail-text').innerText(),
    )?.[0];
    expect(inviteLink).toBeTruthy();
    const path = new URL(inviteLink!).pathname;
    await signInByMagicLink(invitee, baseUrl, 'linus@example.test', path);
    await invitee.waitForURL(new RegExp(`${path}$`));
    await invitee.getByRole('button', { name: 'Accept the invitation' }).click();
    await invitee.waitForURL(/\/dashboard$/);
    expect(await invitee.locator('h1').innerText()).toBe("grace's organisation");
    expect(await invitee.getByText('Role: admin').count()).toBe(1);

    // The owner's members page lists the new admin.
    await owner.reload();
    await expect
      .poll(() => owner.locator('tr', { hasText: 'linus@example.test' }).innerText())
      .toContain('admin');
  });

  it("gives operators orgs and keys from the CLI; a user in several orgs switches; other orgs' resources answer 404", async () => {
    const cli = (...args: string[]) =>
      execFileSync('npx', ['tsx', 'bin/mailroom.ts', ...args], {
        env: { ...process.env, DATABASE_URL: inject('e2eDatabaseUrl'), LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      }).trim();
    expect(cli('org:create', '--name', 'Other Org', '--slug', 'other-org')).toContain('slug: other-org');
    const otherKey = cli('apikey:create', '--org', 'other-org', '--name', 'cli');
    expect(otherKey).toMatch(/^mr_live_\S+$/);
    const other = await fetch(`${baseUrl}/api/v1/org`, { headers: { authorization: `Bearer ${otherKey}` } });
    expect(await other.json()).toMatchObject({ name: 'Other Org', slug: 'other-org' });

    // A user in several organisations switches between them.
    cli('org:create', '--name', 'Linus Labs', '--owner', 'linus@example.test');
    await linus.reload();
    await linus.getByLabel('Organisation').selectOption({ label: 'Linus Labs' });
    await linus.getByRole('button', { name: 'Go' }).click();
    await linus.getByRole('heading', { level: 1, name: 'Linus Labs' }).waitFor();
    expect(await linus.getByText('Role: owner').count()).toBe(1);

    const adaKeys = await fetch(`${baseUrl}/api/v1/api-keys`, {
      headers: { authorization: `Bearer ${adaKey}` },
    });
    const adaKeyId = (await adaKeys.json()).apiKeys[0].id;
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${baseUrl}/api/v1/api-keys/${adaKeyId}`, {
        method,
        headers: { authorization: `Bearer ${otherKey}` },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'API key not found.' } });
    }
    const stillThere = await fetch(`${baseUrl}/api/v1/api-keys/${adaKeyId}`, {
      headers: { authorization: `Bearer ${adaKey}` },
    });
    expect((await stillThere.json()).apiKey.revokedAt).toBeNull();
  });
});
