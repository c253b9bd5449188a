// Issue 14: the 404 page with a way back, the 500 page (a stored record that breaks its page) with
// its way back, and on a link to a record of another of the user's
// organisations a button that switches there and opens it (never for an organisation they are not
// a member of); a toast after each action that worked; the app's own confirmation dialog before an
// invoice is deleted; a conversation stacked with older messages folded, and plain-text mail in a
// proportional font with its line breaks kept and long lines wrapped.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { agreeToDialog } from './confirm-dialog';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
const sql = postgres(inject('e2eDatabaseUrl'), { max: 2, onnotice: () => {} });
let browser: Browser;
let page: Page;
const tag = crypto.randomBytes(3).toString('hex');
const email = `feedback-${tag}@example.test`;
let homeOrg: { id: string; name: string };
/** Native confirm()/alert() the pages opened: there must be none. */
const nativeDialogs: string[] = [];

const toast = () => page.getByTestId('toast');

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.on('dialog', (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await signInByMagicLink(page, baseUrl, email);
  await page.waitForURL(/\/dashboard$/);
  const [org] = await sql`
    select o.id, o.name from organizations o join memberships m on m.org_id = o.id
    join users u on u.id = m.user_id where u.email = ${email}`;
  homeOrg = { id: org!.id, name: org!.name };
});
afterAll(async () => {
  await browser?.close();
  await sql.end();
});

async function addOrganization(name: string, member: boolean): Promise<string> {
  const [org] = await sql`
    insert into organizations (name, slug) values (${name}, ${`${name.toLowerCase().replace(/\W+/g, '-')}-${tag}`})
    returning id`;
  if (member)
    await sql`
      insert into memberships (org_id, user_id, role)
      select ${org!.id}, u.id, 'owner' from users u where u.email = ${email}`;
  return org!.id as string;
}

/** An imported invoice of the home organisation, as the import stores it; its id. */
async function addInvoice(clientCode: string): Promise<string> {
  const [file] = await sql`
    insert into stored_files (org_id, sha256, size, content)
    values (${homeOrg.id}, ${crypto.randomBytes(32).toString('hex')}, 8, ${Buffer.from('%PDF-1.4')})
    returning id`;
  const [invoice] = await sql`
    insert into invoices (org_id, client_code, client_name, period, recipients, file_name, file_id, pdf_size)
    values (${homeOrg.id}, ${clientCode}, 'Durand SA', '2025-06', ${sql.json(['compta@durand.example'])},
      ${`${clientCode}.pdf`}, ${file!.id}, 8)
    returning id`;
  return invoice!.id as string;
}

/**
 * A message of the home organisation whose stored recipients are not a list: its page fails on the
 * server as a page with bad data in the database would. Cancelled, so no worker takes it; removed by
 * the caller (the outbox list would fail on it too).
 */
async function addBrokenMessage(): Promise<string> {
  const [m] = await sql`
    insert into outbox_messages (org_id, sender_id, status, from_address, "to", subject, message_id,
      max_attempts, finished_at)
    select ${homeOrg.id}, s.id, 'cancelled', s.from_address, ${sql.json('not a list')}, 'Broken',
      ${`<broken-${crypto.randomUUID()}@example.test>`}, 3, now()
    from sender_accounts s where s.org_id = ${homeOrg.id} limit 1
    returning id`;
  return m!.id as string;
}

async function switchTo(name: string) {
  await page.getByLabel('Organisation').selectOption({ label: name });
  await page.getByRole('button', { name: 'Go' }).click();
  await toast().getByText(`You are now working in ${name}.`).waitFor();
}

describe('the 404 page', () => {
  it('says the page is not there, in the app’s look, with a way back', async () => {
    const response = await page.goto(`${baseUrl}/no-such-page-${tag}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);

    // A record that is nowhere: the 404 inside the app's frame (the navigation still there).
    const inApp = await page.goto(`${baseUrl}/outbox/${crypto.randomUUID()}`);
    expect(inApp?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(true);
    await page
      .locator('[data-testid="other-organization-hint"][data-checked]')
      .waitFor({ state: 'attached' });
    expect(await page.getByRole('button', { name: /^Switch to / }).count()).toBe(0);
  });

  it('on a link to another of the user’s organisations, offers to switch there and opens the record', async () => {
    // A message of the home organisation…
    await page.goto(`${baseUrl}/outbox/compose`);
    await page.locator('input[name="to"]').fill('parents@example.test');
    await page.locator('input[name="subject"]').fill(`Réunion ${tag}`);
    await page.getByRole('textbox', { name: 'Message' }).fill('Bonjour.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    const link = new URL(page.url()).pathname;
    await toast().getByText('Message queued for sending.').waitFor();

    // …opened while another organisation is the current one.
    await addOrganization(`Cabinet Martin ${tag}`, true);
    await page.goto(`${baseUrl}/dashboard`);
    await switchTo(`Cabinet Martin ${tag}`);
    const response = await page.goto(`${baseUrl}${link}`);
    expect(response?.status()).toBe(404);
    const hint = page.getByTestId('other-organization-hint');
    await hint.getByText(`This is in ${homeOrg.name}, another of your organisations.`).waitFor();
    await hint.getByRole('button', { name: `Switch to ${homeOrg.name} and open it` }).click();
    // The same address, now the record itself.
    await page.getByRole('heading', { level: 1, name: `Réunion ${tag}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(link);
    expect(await page.getByLabel('Organisation').inputValue()).toBe(homeOrg.id);
    await toast().getByText(`You are now working in ${homeOrg.name}.`).waitFor();
  });

  it('never hints at an organisation the user is not a member of', async () => {
    const stranger = await addOrganization(`Stranger ${tag}`, false);
    const [contact] = await sql`
      insert into contacts (org_id, first_name, email) values (${stranger}, 'Secret', 'secret@example.test')
      returning id`;
    const response = await page.goto(`${baseUrl}/contacts/${contact!.id}`);
    expect(response?.status()).toBe(404);
    await page
      .locator('[data-testid="other-organization-hint"][data-checked]')
      .waitFor({ state: 'attached' });
    expect(await page.getByTestId('other-organization-hint').innerText()).toBe('');
    expect(await page.locator('body').innerText()).not.toContain(`Stranger ${tag}`);
  });
});

describe('the 500 page', () => {
  it('shows a page that failed on the server in the app’s look, without the error, with a way back', async () => {
    const id = await addBrokenMessage();
    try {
      await page.goto(`${baseUrl}/outbox/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
      const shown = await page.locator('main').innerText();
      expect(shown).toContain('Error 500');
      expect(shown).toMatch(/Reference for support: \w+/);
      // The real error stays in the server's log.
      expect(await page.locator('body').innerText()).not.toMatch(/is not a function|TypeError/);
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(true);
      // Try again asks the server again (it still fails: the same page comes back).
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
      await page.getByRole('link', { name: 'Back to the dashboard' }).click();
      await page.waitForURL(/\/dashboard$/);
    } finally {
      await sql`delete from outbox_messages where id = ${id}`;
    }
  });
});

describe('toasts', () => {
  it('each action that worked says so, in a live region', async () => {
    // A form that stays on its page (the page is rendered again).
    await page.goto(`${baseUrl}/settings`);
    await page.locator('input[name="name"]').fill(`${homeOrg.name} (renamed)`);
    await page.getByRole('button', { name: 'Save' }).click();
    await toast().getByText('Settings saved.').waitFor();
    const region = page.locator('[role="status"][aria-live="polite"]', { has: toast() });
    expect(await region.count()).toBe(1);
    homeOrg.name = `${homeOrg.name} (renamed)`;

    // A form that moves on to another page.
    await page.goto(`${baseUrl}/contacts/new`);
    await page.locator('input[name="firstName"]').fill('Bérénice');
    await page.locator('input[name="email"]').fill(`berenice-${tag}@example.test`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/contacts$/);
    await toast().getByText('Contact saved.').waitFor();

    // Moving on to another page takes the toast away; the next action brings its own.
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.waitForURL(/\/settings\/members$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => toast().count()).toBe(0);
    await page.getByLabel('Email').fill(`colleague-${tag}@example.test`);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await toast().getByText(`Invitation sent to colleague-${tag}@example.test.`).waitFor();

    // Another page's form, then the toast closed by hand.
    await page.goto(`${baseUrl}/settings/suppressions`);
    await page.locator('input[name="address"]').fill(`bounced-${tag}@example.test`);
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await toast().getByText(`bounced-${tag}@example.test is on the suppression list.`).waitFor();
    await toast().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => toast().count()).toBe(0);
  });
});

describe('the invoice delete confirmation', () => {
  it('asks in the app’s own dialog; keeping it keeps the invoice, agreeing deletes it', async () => {
    const invoice = await addInvoice('CCT900');
    await page.goto(`${baseUrl}/invoices/${invoice}`);
    await page.getByRole('button', { name: 'Delete this invoice' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await sql`select 1 from invoices where id = ${invoice}`).toHaveLength(1);

    await page.getByRole('button', { name: 'Delete this invoice' }).click();
    expect(await agreeToDialog(page)).toMatch(/delete/i);
    await page.waitForURL(/\/invoices$/);
    await toast().getByText('Invoice deleted.').waitFor();
    expect(await sql`select 1 from invoices where id = ${invoice}`).toHaveLength(0);
    expect(nativeDialogs).toEqual([]);
  });
});

describe('a conversation', () => {
  it('is stacked, older messages folded and opened by click or keyboard; plain text in a proportional font', async () => {
    const [credential] = await sql`
      insert into credentials (org_id, kind, secret_sealed) values (${homeOrg.id}, 'password', 'unused')
      returning id`;
    const [mailbox] = await sql`
      insert into inbox_mailboxes (org_id, name, host, port, security, username, credential_id, active)
      values (${homeOrg.id}, 'Secrétariat', 'imap.example.test', 993, 'tls', 'secretariat@example.test',
        ${credential!.id}, false)
      returning id`;
    const longLine = 'Une très longue ligne sans retour '.repeat(40);
    const texts = [
      'Bonjour,\nLa réunion est-elle maintenue ?\nMerci.',
      'Oui, à 18 h.\nÀ mercredi.',
      `Parfait.\n${longLine}\nFin du message.`,
    ];
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const [m] = await sql`
        insert into inbox_messages (org_id, mailbox_id, folder, uid, uid_validity, external_id, thread_key,
          from_name, from_address, subject, received_at, text, snippet, size, seen)
        values (${homeOrg.id}, ${mailbox!.id}, 'INBOX', ${i + 1}, 1, ${`uid:1:${i + 1}`}, ${`thread-${tag}`},
          ${['Parent', 'Secrétariat', 'Parent'][i]!}, ${i === 1 ? 'secretariat@example.test' : 'parent@example.test'},
          'Réunion', now() - make_interval(hours => ${3 - i}), ${text}, ${text.slice(0, 40)}, 100, true)
        returning id`;
      ids.push(m!.id as string);
    }
    await page.goto(`${baseUrl}/inbox/messages/${ids[2]}`);
    const stack = page.getByTestId('thread-message');
    expect(await stack.count()).toBe(3);
    const isOpen = (i: number) => stack.nth(i).evaluate((d) => (d as HTMLDetailsElement).open);
    expect([await isOpen(0), await isOpen(1), await isOpen(2)]).toEqual([false, false, true]);
    // Folded: the first words show, not the body.
    expect(await stack.nth(0).locator('summary').innerText()).toContain('Bonjour,');
    expect(await stack.nth(0).getByText('Merci.').isVisible()).toBe(false);

    // Each summary line has an arrow that turns when it opens (a <details>: the browser tells a
    // screen reader it is expanded).
    const arrow = (i: number) =>
      stack
        .nth(i)
        .getByTestId('disclosure-arrow')
        .evaluate((e) => getComputedStyle(e).rotate);
    expect(await stack.nth(0).getByTestId('disclosure-arrow').isVisible()).toBe(true);
    const folded = await arrow(0);
    await stack.nth(0).locator('summary').click();
    expect(await isOpen(0)).toBe(true);
    await expect.poll(() => arrow(0)).not.toBe(folded);
    expect(
      await stack
        .nth(0)
        .getByText(/Merci\./)
        .isVisible(),
    ).toBe(true);
    await stack.nth(1).locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await isOpen(1)).toBe(true);

    // Plain text: a proportional font, line breaks kept, long lines wrapped inside the card.
    const body = page.getByTestId('message-text');
    const shown = await body.evaluate((e) => {
      const style = getComputedStyle(e);
      return {
        font: style.fontFamily,
        whiteSpace: style.whiteSpace,
        fits: e.scrollWidth <= e.clientWidth,
      };
    });
    expect(shown.font).not.toMatch(/mono|courier|consolas|menlo/i);
    expect(shown.whiteSpace).toBe('pre-wrap');
    expect(shown.fits).toBe(true);
    expect(await body.innerText()).toMatch(/^Parfait\.\n.+\nFin du message\.$/s);
  });
});

describe('in French', () => {
  it('toasts, the confirmation dialog and the 404 and 500 pages speak the user’s language', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByTestId('language-switch').getByRole('button', { name: 'Français' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

    await page.goto(`${baseUrl}/settings`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await toast().getByText('Réglages enregistrés.').waitFor();
    expect(await toast().getByRole('button').innerText()).toBe('Fermer');

    await page.goto(`${baseUrl}/invoices/${await addInvoice('CCT901')}`);
    await page.getByRole('button', { name: 'Supprimer cette facture' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('p').innerText()).toBe(
      'Supprimer cette facture et son PDF de Mailroom ? Cette action est définitive.',
    );
    await dialog.getByRole('button', { name: 'Ne rien faire' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const response = await page.goto(`${baseUrl}/contacts/${crypto.randomUUID()}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page introuvable');
    expect(await page.getByRole('link', { name: 'Retour au tableau de bord' }).count()).toBe(1);

    const broken = await addBrokenMessage();
    try {
      await page.goto(`${baseUrl}/outbox/${broken}`);
      await page.getByRole('heading', { level: 1, name: 'Un problème est survenu' }).waitFor();
      expect(await page.locator('main').innerText()).toMatch(/Référence pour l’assistance\u202f: \w+/);
      await page.getByRole('link', { name: 'Retour au tableau de bord' }).click();
      await page.waitForURL(/\/dashboard$/);
    } finally {
      await sql`delete from outbox_messages where id = ${broken}`;
    }
  });
});
