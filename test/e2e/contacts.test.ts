// The contacts pages in a browser: set the organisation's country, make a group, add a contact
// with a national phone number (stored in E.164), find it by search, and import a CSV whose bad
// row the page reports by its line.
import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForHydrated } from '../helpers/browser';
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

describe('contacts pages', () => {
  it('adds, finds, groups and imports contacts', async () => {
    const owner = `contacts-owner-${Date.now()}@example.test`;
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, owner);
    await page.waitForURL(/\/dashboard$/);

    await page.goto(`${baseUrl}/settings`);
    await page.locator('input[name=country]').fill('FR');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').getByText('Settings saved.').waitFor();

    await page.goto(`${baseUrl}/contacts/groups`);
    await page.locator('input[name=name]').fill('CM1 A');
    await page.getByRole('button', { name: 'Create the group' }).click();
    await page.waitForURL(/\/contacts\/groups\/[0-9a-f-]{36}$/);

    await page.goto(`${baseUrl}/contacts/new`);
    await page.locator('input[name=firstName]').fill('Léa');
    await page.locator('input[name=lastName]').fill('Martin');
    await page.locator('input[name=email]').fill('Lea.Martin@example.fr');
    await page.locator('input[name=phone]').fill('06 12 34 56 78');
    await page.locator('textarea[name=customFields]').fill('childName = Hugo');
    await page.getByLabel('CM1 A').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/contacts$/);
    const row = page.getByTestId('contact-row').filter({ hasText: 'Léa Martin' });
    await expect.poll(() => row.innerText()).toContain('+33612345678');
    expect(await row.innerText()).toContain('lea.martin@example.fr');
    expect(await row.innerText()).toContain('CM1 A');

    // A landline is refused on its field, and nothing is stored.
    await page.goto(`${baseUrl}/contacts/new`);
    await page.locator('input[name=phone]').fill('01 42 68 53 00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('not a mobile number').count()).toBeGreaterThan(0);

    await page.goto(`${baseUrl}/contacts/import`);
    await waitForHydrated(page.locator('form').filter({ has: page.getByTestId('import-file') }));
    await page.getByTestId('import-file').setInputFiles({
      name: 'parents.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'prénom;nom;portable;groupes\nSam;Noël;06 98 76 54 32;CM1 A\nZoé;Petit;pas un numéro;CM1 A\n',
      ),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    const report = page.getByTestId('import-error');
    await expect.poll(() => report.count()).toBe(1);
    expect(await report.locator('td').first().innerText()).toBe('3');

    await page.goto(`${baseUrl}/contacts?q=noel`);
    await expect.poll(() => page.getByTestId('contact-row').count()).toBe(1);
    expect(await page.getByTestId('contact-row').innerText()).toContain('+33698765432');
    await page.goto(`${baseUrl}/contacts/groups`);
    expect(await page.getByTestId('group-row').filter({ hasText: 'CM1 A' }).innerText()).toContain('2');
  });
});
