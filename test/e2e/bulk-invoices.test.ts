// Bulk invoices in a real browser: import 50 invoices from a ZIP, start a run from the send form,
// watch the page turn into the live progress view, reload it mid-run, restart the web server
// mid-run, and see the bar reach 100 % with the two refused recipients as error lines.
//
// This file runs its own copy of the app (same build as the other e2e tests) so it can restart that
// web server without disturbing the other files; the SMTP server answers slowly enough for the run
// to last several seconds.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppServer, E2E_DIST_DIR, startApp, stopChild } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { makeInvoiceBatch, makeZip } from '../helpers/invoice-fixtures';
import { withDatabase } from '../helpers/postgres-server';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { agreeToDialog } from './confirm-dialog';
import { signInByMagicLink } from './sign-in';

const REJECTED = new Set([13, 37]);
const appEnv = {
  MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
  MAILROOM_SECRET_KEY: 'ab'.repeat(32),
};

let sink: SmtpSink;
let app: AppServer;
let web: ChildProcess | undefined;
let browser: Browser;
let databaseUrl = '';
const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
const dbName = `mailroom_e2e_bulk_${Date.now()}`;

beforeAll(async () => {
  sink = await startSmtpSink({ auth: false, tls: false });
  for (const i of REJECTED) sink.rules.set(`nobody${i}@reject.example`, { reply: '550 mailbox unavailable' });
  // 50 emails over the account's 5 connections: about 6 seconds.
  sink.delayMs = 600;
  await admin.unsafe(`create database "${dbName}" template "${inject('templateDatabase')}"`);
  databaseUrl = withDatabase(inject('adminDatabaseUrl'), dbName);
  app = await startApp(databaseUrl, appEnv);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (web) await stopChild(web);
  await app?.stop();
  await sink?.close();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

/** Stops the web server and starts a new one on the same port, as a deploy would. */
async function restartWeb(): Promise<void> {
  await stopChild(web ?? app.web);
  const port = new URL(app.baseUrl).port;
  web = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '--port', port], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_URL: app.baseUrl,
      NEXT_DIST_DIR: E2E_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
      // As startApp: production without SMTP starts only with the preview mailbox accepted.
      MAILROOM_PREVIEW_MAIL: 'true',
      ...appEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).innerText());

describe('bulk invoices in the browser', () => {
  it('imports 50 invoices, sends them with live progress through a reload and a web restart', async () => {
    const baseUrl = app.baseUrl;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByMagicLink(page, baseUrl, 'accountant@example.test');
    await page.waitForURL(/\/dashboard$/);

    // An SMTP account pointing at the test's SMTP server (through the same API the pages use).
    const sender = await page.request.post(`${baseUrl}/api/v1/senders`, {
      data: {
        name: 'Cabinet SMTP',
        kind: 'smtp',
        fromAddress: 'factures@cabinet.example',
        host: sink.host,
        port: sink.port,
        security: 'none',
      },
    });
    expect(sender.status()).toBe(201);

    // Import: one ZIP with the manifest and a folder per client.
    const batch = makeInvoiceBatch(50, {
      recipients: (i) => (REJECTED.has(i) ? `nobody${i}@reject.example` : `billing${i}@client${i}.example`),
    });
    await page.getByRole('link', { name: 'Invoices', exact: true }).click();
    await page.getByRole('link', { name: 'Import invoices' }).click();
    await page.getByTestId('import-files').setInputFiles({
      name: 'factures-2025-01.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(makeZip(batch.manifest, batch.files)),
    });
    // The preview first (issue 14), then Confirm stores them.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm: store 50 invoices' }).click();
    await expect.poll(() => page.getByTestId('imported-count').innerText()).toBe('50');
    await page.goto(`${baseUrl}/invoices`);
    expect(await page.getByTestId('invoice-row').count()).toBe(50);
    expect(await page.getByTestId('invoice-status').first().innerText()).toContain('never sent');

    // The send form: filters, sender, templates, preview.
    await page.getByRole('link', { name: 'Send invoices' }).click();
    await page.waitForURL(/\/invoices\/send/);
    await page.locator('input[name=period]').fill('2025-01');
    await page
      .locator('select[name=senderId]')
      .selectOption({ label: 'Cabinet SMTP — factures@cabinet.example' });
    await page.locator('input[name=subject]').fill('Facture {period} — {clientName}');
    await expect
      .poll(() => page.getByTestId('preview-counts').innerText())
      .toBe('50 invoices to 50 recipients');
    expect(await page.getByTestId('preview-example').innerText()).toContain('Facture 2025-01 — Client 1');

    // One email is held at the server until after the reload: the run is certainly still going then.
    let releaseHeld!: () => void;
    sink.rules.set('billing50@client50.example', {
      holdUntil: new Promise<void>((r) => (releaseHeld = r)),
      times: 1,
    });

    // Start: the same page becomes the progress view, without a reload.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    // Sending asks first, saying what will go out and from where (issue 14, bug 10).
    await page.getByTestId('start-run').click();
    expect(await agreeToDialog(page)).toMatch(/^Send \d+ invoices? to \d+ recipients? from .+\?/);
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.getByTestId('run-progress').waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    const runUrl = page.url();
    expect(await number(page, 'count-total')).toBe(50);

    // Reload mid-run: the page comes back with the run as it stands (replayed) and carries on.
    await page.reload();
    await page.getByTestId('run-progress').waitFor();
    await expect
      .poll(() => page.getByTestId('run-log').locator('li').first().innerText())
      .toContain('Sending 50 invoices to 50 recipients');
    expect(await number(page, 'count-total')).toBe(50);
    expect(await number(page, 'count-processed')).toBeLessThan(50);
    releaseHeld();

    // A second viewer sees the same run.
    const second = await context.newPage();
    await second.goto(runUrl);
    await second.getByTestId('run-progress').waitFor();

    // Restart the web server mid-run: the EventSources reconnect and resume after their last event.
    await restartWeb();
    await expect
      .poll(() => page.getByTestId('progress-percent').innerText(), { timeout: 60_000 })
      .toBe('100 %');
    expect(await page.getByTestId('run-summary').innerText()).toBe('48 sent, 2 failed of 50');
    expect(await number(page, 'count-succeeded')).toBe(48);
    expect(await number(page, 'count-failed')).toBe(2);
    expect(await number(page, 'count-remaining')).toBe(0);
    expect(await page.getByTestId('progress-bar').getAttribute('aria-valuenow')).toBe('100');

    const lines = page.getByTestId('run-log').locator('li');
    expect(await lines.count()).toBe(52);
    const errors = await page.getByTestId('run-log').locator('li[data-kind="error"]').allInnerTexts();
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toMatch(
      /⚠️ Email \d+\/50 ERROR: CCT013 - FACTURE_2025_01\.pdf: 550 mailbox unavailable/,
    );
    expect(errors.join('\n')).toMatch(
      /⚠️ Email \d+\/50 ERROR: CCT037 - FACTURE_2025_01\.pdf: 550 mailbox unavailable/,
    );
    const texts = await lines.allInnerTexts();
    expect(
      texts.some((t) =>
        /✅ Email \d+\/50 sent: CCT001 - FACTURE_2025_01\.pdf → billing1@client1\.example/.test(t),
      ),
    ).toBe(true);
    // Each email once: the reconnects replayed nothing twice.
    const numbers = texts.map((t) => /Email (\d+)\/50/.exec(t)?.[1]).filter(Boolean);
    expect(new Set(numbers).size).toBe(50);

    await expect
      .poll(() => second.getByTestId('run-summary').innerText(), { timeout: 30_000 })
      .toBe('48 sent, 2 failed of 50');
    expect(await second.getByTestId('run-log').locator('li').count()).toBe(52);
    // The 48 invoices, and the report to whoever started the run (from the same account): the
    // counts, the two refused clients with the server's answer, and the link to the run page.
    const toStarter = (m: { to: string[] }) => m.to.includes('accountant@example.test');
    expect(sink.received.filter((m) => !toStarter(m))).toHaveLength(48);
    await expect.poll(() => sink.received.filter(toStarter).length, { timeout: 30_000 }).toBe(1);
    const report = await sink.parse(sink.received.find(toStarter)!);
    expect(report.subject).toBe('Invoice run finished: 2 emails failed of 50');
    expect(report.text).toContain('48 sent, 2 failed, 0 cancelled, of 50');
    expect(report.text).toMatch(/CCT013[^\n]*550 mailbox unavailable/);
    expect(report.text).toContain(runUrl);

    // History and invoice statuses.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.waitForURL(/\/runs$/);
    expect(await page.getByTestId('run-row').first().innerText()).toContain('48 sent, 2 failed of 50');
    await page.goto(`${baseUrl}/invoices?status=failed`);
    const failedRows = await page.getByTestId('invoice-row').allInnerTexts();
    expect(failedRows).toHaveLength(2);
    expect(failedRows[0]).toContain('550 mailbox unavailable');
  });
});
