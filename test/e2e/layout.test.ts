// Issue 14, bug 7 and the automated check: every page at 1,440×900 and 390×844 fits its window
// (no sideways scrolling, long subjects included) and has no serious or critical accessibility
// violation found by axe-core. On a phone the sidebar folds behind a menu button; the navigation
// marks the current page (aria-current); a skip link leads to the content.
import crypto from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { instantToZonedLocal } from '@/lib/i18n/zoned-time';
import { launchBrowser } from '../helpers/browser';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
const sql = postgres(inject('e2eDatabaseUrl'), { max: 2, onnotice: () => {} });
let browser: Browser;
let context: BrowserContext;
let page: Page;
const email = `layout-${crypto.randomBytes(3).toString('hex')}@example.test`;
const longSubject = `Compte rendu de la réunion des bénévoles du mercredi ${'très-long-mot-sans-espace-'.repeat(12)}fin`;
/** Pages of things made in beforeAll, by name. */
const seeded: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signInByMagicLink(page, baseUrl, email);
  await page.waitForURL(/\/dashboard$/);

  // Something on every list: a message with a long subject (and its preview), a mailbox with a long
  // inbox message, a contact and a group.
  await page.goto(`${baseUrl}/outbox/compose`);
  await page.locator('input[name="to"]').fill(`${'destinataire.avec.un.nom.long'.repeat(2)}@example.test`);
  await page.locator('input[name="subject"]').fill(longSubject);
  await page.getByRole('textbox', { name: 'Message' }).fill(`Bonjour,\n${'texte '.repeat(300)}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
  seeded['a message'] = new URL(page.url()).pathname;
  // A scheduled one, whose Edit page holds the editor.
  await page.goto(`${baseUrl}/outbox/compose`);
  await page.locator('input[name="to"]').fill('parents@example.test');
  await page.locator('input[name="subject"]').fill(longSubject);
  await page.getByRole('textbox', { name: 'Message' }).fill('Rendez-vous samedi.');
  const [zone] = await sql`
    select o.time_zone from organizations o join memberships m on m.org_id = o.id
    join users u on u.id = m.user_id where u.email = ${email}`;
  await page
    .getByTestId('send-at')
    .fill(instantToZonedLocal(new Date(Date.now() + 7 * 86_400_000), zone!.time_zone));
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
  seeded['a scheduled message’s edit page'] = `${new URL(page.url()).pathname}/edit`;

  // A paused mailbox (never dialled) holding one message, written as the sync would.
  const [org] = await sql`
    select m.org_id from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
  const [credential] = await sql`
    insert into credentials (org_id, kind, secret_sealed) values (${org!.org_id}, 'password', 'unused')
    returning id`;
  const [mailbox] = await sql`
    insert into inbox_mailboxes (org_id, name, host, port, security, username, credential_id, active)
    values (${org!.org_id}, 'Secrétariat de l’école élémentaire', 'imap.example.test', 993, 'tls',
      'secretariat@example.test', ${credential!.id}, false)
    returning id`;
  const mailboxId = mailbox!.id as string;
  seeded['a mailbox'] = `/inbox/mailboxes/${mailboxId}`;
  const [message] = await sql`
    insert into inbox_messages (org_id, mailbox_id, folder, uid, uid_validity, external_id, thread_key,
      from_name, from_address, subject, received_at, text, snippet, size, seen)
    values (${org!.org_id}, ${mailboxId}, 'INBOX', 1, 1, 'uid:1:1', 'layout-thread',
      'Association des parents d’élèves de l’école élémentaire', 'ape@example.test', ${longSubject},
      now(), ${'Une ligne de texte '.repeat(80)}, ${'Un aperçu très long '.repeat(20)}, 1000, true)
    returning id`;
  seeded['an inbox message'] = `/inbox/messages/${message!.id}`;

  await page.goto(`${baseUrl}/contacts/new`);
  await page.locator('input[name="firstName"]').fill('Bérénice');
  await page.locator('input[name="lastName"]').fill('Étienne-Dupont');
  await page.locator('input[name="email"]').fill('berenice@example.test');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/contacts$/);
  const [contact] = await sql`select id from contacts where org_id = ${org!.org_id} limit 1`;
  seeded['a contact'] = `/contacts/${contact!.id}`;
  await page.goto(`${baseUrl}/contacts/groups`);
  await page.locator('[data-testid="group-form"] input[name="name"]').fill('Conseil d’école');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/contacts\/groups\/[0-9a-f-]{36}$/);
  seeded['a group'] = new URL(page.url()).pathname;

  await page.goto(`${baseUrl}/preview`);
  await page.getByRole('link', { name: longSubject }).first().click();
  await page.waitForURL(/\/preview\/[^/]+$/);
  seeded['a previewed mail'] = new URL(page.url()).pathname;
});
afterAll(async () => {
  await browser?.close();
  await sql.end();
});

const pages = [
  '/dashboard',
  '/outbox',
  '/outbox/compose',
  '/senders',
  '/sms-accounts',
  '/inbox',
  '/inbox/mailboxes',
  '/inbox/mailboxes/new',
  '/contacts',
  '/contacts/new',
  '/contacts/import',
  '/contacts/groups',
  '/messages',
  '/messages/compose',
  '/messages/stats',
  '/invoices',
  '/invoices/import',
  '/invoices/send',
  '/runs',
  '/preview',
  '/settings',
  '/settings/members',
  '/settings/api-keys',
  '/settings/suppressions',
  '/no-such-page',
  // A record that is nowhere: the 404 inside the app's frame.
  '/outbox/00000000-0000-4000-8000-000000000000',
];

type Problem = { path: string; problem: string };

async function check(p: Page, path: string, problems: Problem[]) {
  await p.goto(`${baseUrl}${path}`);
  await p.waitForLoadState('load');
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) {
    // Name the innermost elements that stick out, so a failure says what to fix.
    const culprits = await p.evaluate(() => {
      const out = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
      return [...document.querySelectorAll('body *')]
        .filter((e) => out(e) && ![...e.children].some(out))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 4).join('.')}`);
    });
    problems.push({ path, problem: `${scrollWidth} px wide in ${innerWidth} (${culprits.join(', ')})` });
  }
  const axe = await new AxeBuilder({ page: p }).analyze();
  for (const v of axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    problems.push({
      path,
      problem: `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
    });
  }
}

const viewports = [
  ['1440×900', { width: 1440, height: 900 }],
  ['390×844', { width: 390, height: 844 }],
] as const;
const signedOut = ['/signin', '/signin/check-email'];

// Each page is a test of its own, up to five at once (vitest's maxConcurrency) in one browser: one
// after another, the file kept about 0.4 of a core busy (52 CPU-s in 128 s), each scan waiting on
// the server, then on Chromium, then on axe.
for (const [name, viewport] of viewports) {
  describe.concurrent(`every page at ${name} fits its window and passes axe-core`, () => {
    let signedIn: BrowserContext;
    let anonymous: BrowserContext;
    beforeAll(async () => {
      signedIn = await browser.newContext({ viewport, storageState: await context.storageState() });
      anonymous = await browser.newContext({ viewport });
    });
    afterAll(async () => {
      await signedIn?.close();
      await anonymous?.close();
    });
    const all = [
      ...pages.map((path) => [path, () => path] as const),
      ...[
        'a message',
        'a scheduled message’s edit page',
        'a mailbox',
        'an inbox message',
        'a contact',
        'a group',
        'a previewed mail',
      ].map((thing) => [thing, () => seeded[thing]!] as const),
      ...signedOut.map((path) => [path, () => path] as const),
    ];
    for (const [label, path] of all) {
      it(label, async ({ expect }) => {
        const p = await (signedOut.includes(label) ? anonymous : signedIn).newPage();
        const problems: Problem[] = [];
        await check(p, path(), problems);
        await p.close();
        const found = problems.map((x) => `${x.path}: ${x.problem}`);
        expect(found, found.join('\n')).toEqual([]);
      });
    }
  });
}

describe('the frame', () => {
  it('on a phone the sidebar folds behind a menu button, and the navigation shows the current page', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      storageState: await context.storageState(),
    });
    const p = await ctx.newPage();
    await p.goto(`${baseUrl}/outbox/compose`);
    const nav = p.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.isVisible()).toBe(false);
    const menu = p.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('Compose');
    await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
    await p.waitForURL(/\/contacts$/);
    await p.getByRole('heading', { level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    // By keyboard: Enter opens it, Tab goes into it, Escape folds it and the focus is on the button.
    await menu.focus();
    await p.keyboard.press('Enter');
    expect(await nav.isVisible()).toBe(true);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await p.keyboard.press('Tab');
    expect(
      await p.evaluate(() => document.getElementById('app-sidebar')?.contains(document.activeElement)),
    ).toBe(true);
    await p.keyboard.press('Escape');
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((e) => e === document.activeElement)).toBe(true);
    // Lists are stacked cards: a row is as wide as the screen, its cells one under the other.
    const row = p.locator('tbody tr').first();
    const box = await row.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    const cells = await row.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).display));
    expect(cells.every((d) => d === 'block' || d === 'none')).toBe(true);
    await ctx.close();
  });

  it('a skip link leads past the navigation to the content', async () => {
    const ctx = await browser.newContext({ storageState: await context.storageState() });
    const p = await ctx.newPage();
    await p.goto(`${baseUrl}/outbox`);
    await p.keyboard.press('Tab');
    const skip = p.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('main');
    const nav = p.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('Outbox');
    await ctx.close();
  });
});
