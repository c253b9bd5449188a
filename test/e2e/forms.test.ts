// Issue 14, bugs 4 and 5: a refused form keeps everything typed, and its errors are red, under
// their field, name the wrong value, are tied to the field (aria-invalid, aria-describedby), and
// the first bad field takes the focus; the banner never shows a developer path ("to.0.address").
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await signInByMagicLink(page, baseUrl, `forms-${crypto.randomBytes(3).toString('hex')}@example.test`);
  await page.waitForURL(/\/dashboard$/);
});
afterAll(async () => {
  await browser?.close();
});

/** What a sighted and a screen-reader user learn about a field after a refusal. */
async function fieldState(name: string) {
  return page.locator(`[name="${name}"]`).evaluate((el) => {
    const described = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((e): e is HTMLElement => e !== null);
    return {
      invalid: el.getAttribute('aria-invalid'),
      focused: document.activeElement === el,
      description: described.map((e) => e.innerText).join(' '),
      colour: described[0] ? getComputedStyle(described[0]).color : null,
    };
  });
}

/** The page's own alert (Next's route announcer is a role="alert" too, outside main). */
const banner = () => page.locator('main [role="alert"]').first();

/** Red in the rgb() or lab() a browser computes (Tailwind 4 colours are lab). */
const red = (colour: string | null) => {
  const [x, y, z] = (colour ?? '').match(/-?[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  return colour?.startsWith('lab') ? y! > 40 && z! > 20 : x! > 150 && y! < 80 && z! < 80;
};

describe('a refused form', () => {
  it('compose keeps recipients, subject and text, and says which address is wrong', async () => {
    await page.goto(`${baseUrl}/outbox/compose`);
    await page.locator('input[name="to"]').fill('good@example.test, bob@');
    await page.locator('input[name="cc"]').fill('copy@example.test');
    await page.locator('input[name="subject"]').fill('Réunion de rentrée');
    await page.getByRole('textbox', { name: 'Message' }).fill('Bonjour à tous, la réunion est jeudi.');
    await page.getByRole('button', { name: 'Send' }).click();
    await banner().waitFor();

    expect(await page.locator('input[name="to"]').inputValue()).toBe('good@example.test, bob@');
    expect(await page.locator('input[name="cc"]').inputValue()).toBe('copy@example.test');
    expect(await page.locator('input[name="subject"]').inputValue()).toBe('Réunion de rentrée');
    expect(await page.getByRole('textbox', { name: 'Message' }).innerText()).toBe(
      'Bonjour à tous, la réunion est jeudi.',
    );
    const to = await fieldState('to');
    expect(to.invalid).toBe('true');
    expect(to.focused).toBe(true);
    expect(to.description).toContain('“bob@” is not a valid email address');
    expect(to.description).not.toContain('good@example.test');
    expect(red(to.colour), `error colour ${to.colour}`).toBe(true);
    const words = await banner().innerText();
    expect(words).not.toMatch(/to\.\d/);
    expect(words).toContain('To');
  });

  it('a sender account keeps its settings and names the bad server', async () => {
    await page.goto(`${baseUrl}/senders`);
    await page.locator('input[name="name"]').fill('Office');
    await page.locator('input[name="fromAddress"]').fill('office@example.test');
    await page.locator('input[name="host"]').fill('smtp example');
    await page.locator('input[name="port"]').fill('587');
    await page.locator('input[name="username"]').fill('office-user');
    await page.locator('input[name="password"]').fill('s3cret-typed');
    await page.getByRole('button', { name: 'Add account' }).click();
    await banner().waitFor();
    expect(await page.locator('input[name="name"]').inputValue()).toBe('Office');
    expect(await page.locator('input[name="fromAddress"]').inputValue()).toBe('office@example.test');
    expect(await page.locator('input[name="username"]').inputValue()).toBe('office-user');
    expect(await page.locator('input[name="password"]').inputValue()).toBe('s3cret-typed');
    const host = await fieldState('host');
    expect(host.invalid).toBe('true');
    expect(host.focused).toBe(true);
    expect(host.description).toContain('“smtp example”');
  });

  it('a contact keeps what was typed and names the bad phone number', async () => {
    await page.goto(`${baseUrl}/contacts/new`);
    await page.locator('input[name="firstName"]').fill('Noël');
    await page.locator('input[name="lastName"]').fill('Dupré');
    await page.locator('input[name="phone"]').fill('12');
    await page.locator('textarea[name="customFields"]').fill('classe = CM2');
    await page.getByRole('button', { name: 'Save' }).click();
    await banner().waitFor();
    expect(await page.locator('input[name="firstName"]').inputValue()).toBe('Noël');
    expect(await page.locator('input[name="lastName"]').inputValue()).toBe('Dupré');
    expect(await page.locator('textarea[name="customFields"]').inputValue()).toBe('classe = CM2');
    const phone = await fieldState('phone');
    expect(phone.invalid).toBe('true');
    expect(phone.focused).toBe(true);
    expect(phone.description).toContain('12');
  });

  it('the organisation settings keep a refused time zone, named under its field', async () => {
    await page.goto(`${baseUrl}/settings`);
    await page.getByTestId('time-zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save' }).click();
    await banner().waitFor();
    expect(await page.getByTestId('time-zone').inputValue()).toBe('Mars/Olympus');
    const zone = await fieldState('timeZone');
    expect(zone.invalid).toBe('true');
    expect(zone.description).toContain('“Mars/Olympus”');
  });
});

describe('organisation settings', () => {
  it('renames the organisation (issue 14, bug 11), shown in the organisation switch', async () => {
    await page.goto(`${baseUrl}/settings`);
    await page.locator('input[name="name"]').fill('École Jules-Ferry');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').getByText('Settings saved.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Organisation').locator('option:checked').innerText()).toBe(
      'École Jules-Ferry',
    );
  });
});
