// Mailroom in French and English, in a real browser: a person whose browser asks for French
// (fr-FR, Europe/Paris) signs in with a French email, finds the main pages in French with French
// dates, schedules a message at a Paris time, sends a run of invoices and follows it live through
// a reload; then switches to English in the user menu and reads the same run's log in English, at
// the same address. Runs against the shared e2e app, with its own SMTP server for the run.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { makeInvoiceBatch, makeZip } from '../helpers/invoice-fixtures';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { agreeToDialog } from './confirm-dialog';

const baseUrl = inject('baseUrl');
const NNBSP = '\u202f';
const REJECTED = 7;
const COUNT = 24;
let browser: Browser;
let sink: SmtpSink;

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink({ auth: false, tls: false });
  sink.rules.set(`nobody${REJECTED}@reject.example`, { reply: '550 mailbox unavailable' });
  // Long enough for the run to be reloaded while it sends.
  sink.delayMs = 700;
});
afterAll(async () => {
  await browser?.close();
  await sink?.close();
});

/** Interface words a French reader must not meet (data and the servers' own answers aside). */
const ENGLISH =
  /\b(Sign out|Outbox|Inbox|Compose|Dashboard|Settings|Status|Subject|Received|Search|Filter|Save|Cancel|Members|Invoices|Mailboxes|Sender accounts|never sent|No messages|Send|Schedule|Attempts|Created|Language)\b/;

async function expectFrench(page: Page) {
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  const text = await page.locator('main').innerText();
  expect(text, `English on ${page.url()}`).not.toMatch(ENGLISH);
}

/** "14 juin 2030 à 18:00" */
const FRENCH_DATE =
  /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d{2}:\d{2}/;

describe('Mailroom in French and English', () => {
  it('speaks French to a French browser and English once the user switches, on the same run', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' },
    });
    const page = await context.newPage();
    const email = `directrice-${crypto.randomBytes(3).toString('hex')}@ecole.example`;

    // Sign-in, in French, and its email in French.
    await page.goto(`${baseUrl}/signin`);
    await page.getByRole('heading', { name: 'Connexion à Mailroom' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion par e-mail' }).click();
    await page.waitForURL(/\/signin\/check-email/);
    await page.getByRole('heading', { name: 'Consultez vos e-mails' }).waitFor();
    await page.getByRole('link', { name: 'Ouvrez la boîte d’aperçu' }).click();
    await page.waitForURL(/\/mailbox$/);
    await page
      .locator('tr', { hasText: email })
      .filter({ hasText: 'Connexion à Mailroom' })
      .getByRole('link')
      .click();
    const mail = await page.getByTestId('mail-text').innerText();
    expect(mail).toContain(`Connectez-vous à Mailroom avec ce lien${NNBSP}:`);
    expect(mail).toContain('Il est valable 30 minutes.');
    const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole('heading', { name: /^Organisation de directrice-/ }).waitFor();
    await expectFrench(page);

    // The new organisation keeps the browser's clock.
    await page.getByRole('link', { name: 'Paramètres de l’organisation' }).click();
    await page.waitForURL(/\/settings$/);
    expect(await page.getByTestId('time-zone').inputValue()).toBe('Europe/Paris');
    expect(await page.locator('main').innerText()).toMatch(FRENCH_DATE);
    await expectFrench(page);

    // An SMTP account on the test's server (through the API the pages use).
    const sender = await page.request.post(`${baseUrl}/api/v1/senders`, {
      data: {
        name: 'Secrétariat',
        kind: 'smtp',
        fromAddress: 'secretariat@ecole.example',
        host: sink.host,
        port: sink.port,
        security: 'none',
        isDefault: true,
      },
    });
    expect(sender.status()).toBe(201);

    // Compose, with the zone shown beside "send at", and a time read in that zone.
    await page.getByRole('link', { name: 'Nouveau message', exact: true }).click();
    await page.waitForURL(/\/outbox\/compose$/);
    expect(await page.locator('main').innerText()).toContain('Heure du fuseau Europe/Paris.');
    await expectFrench(page);
    await page.locator('input[name="to"]').fill('parents@ecole.example');
    await page.locator('input[name="subject"]').fill('Réunion de rentrée');
    await page.getByRole('textbox', { name: 'Message' }).fill('Bonjour, la réunion aura lieu le 14 juin.');
    // 18:00 in Paris, two months from now (a send time must be within a year).
    const day = new Date(Date.now() + 60 * 86_400_000);
    const ymd = day.toISOString().slice(0, 10);
    const frenchDay = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${ymd}T12:00:00Z`),
    );
    await page.getByTestId('send-at').fill(`${ymd}T18:00`);
    await page.getByRole('button', { name: 'Programmer' }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('message-status').innerText()).toContain('programmé');
    expect(await page.locator('main').innerText()).toContain(`${frenchDay} à 18:00`);
    await expectFrench(page);

    // The outbox, with French dates.
    await page.getByRole('link', { name: 'Boîte d’envoi', exact: true }).click();
    await page.waitForURL(/\/outbox$/);
    expect(await page.locator('main').innerText()).toMatch(FRENCH_DATE);
    await expectFrench(page);

    // Invoices: import, then a run followed live through a reload.
    const batch = makeInvoiceBatch(COUNT, {
      recipients: (i) => (i === REJECTED ? `nobody${i}@reject.example` : `billing${i}@client${i}.example`),
    });
    await page.getByRole('link', { name: 'Factures', exact: true }).click();
    await page.getByRole('link', { name: 'Importer des factures' }).click();
    await expectFrench(page);
    await page.getByTestId('import-files').setInputFiles({
      name: 'factures.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(makeZip(batch.manifest, batch.files)),
    });
    // The preview first, then Confirm stores them (both in French).
    await page.getByRole('button', { name: 'Aperçu', exact: true }).click();
    await page
      .getByRole('button', { name: new RegExp(`^Confirmer.*: enregistrer ${COUNT} factures$`) })
      .click();
    await expect
      .poll(() => page.getByTestId('import-result').innerText())
      .toContain(`${COUNT} factures importées`);
    await page.goto(`${baseUrl}/invoices`);
    expect(await page.getByTestId('invoice-status').first().innerText()).toContain('jamais envoyée');
    await expectFrench(page);

    await page.getByRole('link', { name: 'Envoyer des factures' }).click();
    await page.waitForURL(/\/invoices\/send/);
    expect(await page.locator('input[name=subject]').inputValue()).toBe('Facture {period} — {clientName}');
    await expect
      .poll(() => page.getByTestId('preview-counts').innerText())
      .toBe(`${COUNT} factures pour ${COUNT} destinataires`);
    await page.getByRole('button', { name: `Démarrer${NNBSP}: envoyer ${COUNT} factures` }).click();
    await agreeToDialog(page);
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();
    await page.reload();
    await page.getByTestId('run-progress').waitFor();
    await expect
      .poll(() => page.getByTestId('run-log').locator('li').first().innerText())
      .toContain(`Envoi de ${COUNT} factures à ${COUNT} destinataires`);
    await expect
      .poll(() => page.getByTestId('progress-percent').innerText(), { timeout: 60_000 })
      .toBe(`100${NNBSP}%`);
    expect(await page.getByTestId('run-summary').innerText()).toBe(
      `${COUNT - 1} envoyés, 1 en échec sur ${COUNT}`,
    );
    const french = await page.getByTestId('run-log').locator('li').allInnerTexts();
    expect(
      french.some((l) =>
        /✅ E-mail \d+\/24 envoyé\u202f: CCT001 - FACTURE_2025_01\.pdf → billing1@client1\.example/.test(l),
      ),
    ).toBe(true);
    expect(french.join('\n')).toMatch(
      /⚠️ E-mail \d+\/24 ERREUR\u202f: CCT007 - FACTURE_2025_01\.pdf\u202f: 550 mailbox unavailable/,
    );
    expect(await page.locator('main').innerText()).toMatch(/Commencé le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);

    // The failed invoice says why in French, with the server's own answer.
    await page.goto(`${baseUrl}/invoices?status=failed`);
    const failedRow = await page.getByTestId('invoice-row').innerText();
    expect(failedRow).toContain('550 mailbox unavailable');
    expect(failedRow).toContain('en échec');
    expect(failedRow).not.toMatch(/The server|refused/);
    await expectFrench(page);

    // The inbox and the mailboxes page, in French.
    await page.getByRole('link', { name: 'Boîte de réception', exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByText('Connectez une boîte aux lettres pour voir son courrier ici.').waitFor();
    await expectFrench(page);
    await page.getByRole('link', { name: 'Boîtes aux lettres', exact: true }).first().click();
    await page.waitForURL(/\/inbox\/mailboxes$/);
    await page.getByText('Aucune boîte aux lettres connectée pour l’instant.').waitFor();
    await expectFrench(page);

    // Back to the run, then English from the user menu: same address, the same log in English.
    await page.goto(runUrl);
    await page.getByTestId('run-summary').waitFor();
    await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toBe(runUrl);
    await expect
      .poll(() => page.getByTestId('run-summary').innerText())
      .toBe(`${COUNT - 1} sent, 1 failed of ${COUNT}`);
    const english = await page.getByTestId('run-log').locator('li').allInnerTexts();
    expect(english[0]).toContain(`Sending ${COUNT} invoices to ${COUNT} recipients`);
    expect(
      english.some((l) =>
        /✅ Email \d+\/24 sent: CCT001 - FACTURE_2025_01\.pdf → billing1@client1\.example/.test(l),
      ),
    ).toBe(true);
    expect(english.join('\n')).toMatch(
      /⚠️ Email \d+\/24 ERROR: CCT007 - FACTURE_2025_01\.pdf: 550 mailbox unavailable/,
    );
    // The choice is the user's: it holds on the next page, whatever the browser asks for.
    await page.goto(`${baseUrl}/outbox`);
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await context.close();
  });
});
