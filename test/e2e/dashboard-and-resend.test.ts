// The dashboard, fix-and-resend, invoice editing and sender usage in a real browser, against the
// shared e2e app, its worker and a real SMTP server that refuses one recipient: a new organisation
// sees its getting-started checklist tick step by step; after a run, the dashboard names the failed
// invoice, the run page fixes its address and resends it alone, the run ends with all sent; the
// senders page shows the attempts against the limits; an invoice is edited, deleted, or refused
// once sent; the import page offers a template and the French column names.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { makeInvoiceBatch, makeZip } from '../helpers/invoice-fixtures';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { agreeToDialog } from './confirm-dialog';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
let sink: SmtpSink;
const tag = crypto.randomBytes(3).toString('hex');
const refused = `nobody-${tag}@reject.example`;

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink({ auth: false, tls: false });
  sink.rules.set(refused, { reply: '550 mailbox unavailable' });
});
afterAll(async () => {
  await browser?.close();
  await sink?.close();
});

const steps = (page: Page) =>
  page
    .getByTestId('getting-started')
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-done')));

async function importZip(page: Page, batch: ReturnType<typeof makeInvoiceBatch>, expected: string) {
  await page.goto(`${baseUrl}/invoices/import`);
  await page.getByTestId('import-files').setInputFiles({
    name: 'factures.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(makeZip(batch.manifest, batch.files)),
  });
  // The preview first (issue 14), then Confirm stores the good rows.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByRole('button', { name: /^Confirm: store/ }).click();
  await expect.poll(() => page.getByTestId('imported-count').innerText()).toBe(expected);
}

describe('dashboard, fix and resend, invoices, sender usage', () => {
  it('walks a new organisation from the checklist to a run fixed and resent', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, `dora-${tag}@example.test`);
    await page.waitForURL(/\/dashboard$/);

    // A new organisation: nothing done yet, nothing sent, nothing unread, a chart of 7 days.
    expect(await steps(page)).toEqual(['false', 'false', 'false']);
    expect(await page.getByTestId('today-sent').innerText()).toBe('0');
    expect(await page.getByTestId('unread-count').innerText()).toBe('0');
    await page.locator('figure .recharts-surface').first().waitFor();

    const sender = await page.request.post(`${baseUrl}/api/v1/senders`, {
      data: {
        name: 'Cabinet',
        kind: 'smtp',
        fromAddress: `factures-${tag}@cabinet.example`,
        host: sink.host,
        port: sink.port,
        security: 'none',
        ratePerDay: 500,
        isDefault: true,
      },
    });
    expect(sender.status()).toBe(201);
    const senderId = (await sender.json()).sender.id as string;
    await page.reload();
    expect(await steps(page)).toEqual(['true', 'false', 'false']);

    // The import page: the French column names and a template to download.
    await page.goto(`${baseUrl}/invoices/import`);
    expect(await page.getByTestId('invoice-columns').innerText()).toContain('code_client');
    const template = await page.request.get(`${baseUrl}/invoices/import/template`);
    expect(template.status()).toBe(200);
    expect(template.headers()['content-disposition']).toContain('invoice-template.csv');
    expect((await template.text()).split('\r\n')[0]).toBe(
      'client_code;client_name;period;recipients;file_name',
    );

    await importZip(
      page,
      makeInvoiceBatch(3, {
        period: '2025-04',
        recipients: (i) => (i === 2 ? refused : `billing${i}-${tag}@client.example`),
      }),
      '3',
    );
    await importZip(page, makeInvoiceBatch(1, { period: '2025-05' }), '1');
    await page.goto(`${baseUrl}/dashboard`);
    expect(await steps(page)).toEqual(['true', 'false', 'true']);

    const started = await page.request.post(`${baseUrl}/api/v1/runs`, {
      data: {
        kind: 'invoices',
        senderId,
        filters: { period: '2025-04' },
        subject: 'Facture {period}',
        body: 'Bonjour {clientName}',
      },
    });
    expect(started.status()).toBe(201);
    const runId = (await started.json()).id as string;
    await page.goto(`${baseUrl}/runs/${runId}`);
    await expect
      .poll(() => page.getByTestId('run-summary').innerText(), { timeout: 60_000 })
      .toBe('2 sent, 1 failed of 3');

    // The run's report reaches whoever started it (from the same account, so it counts as sent).
    await expect
      .poll(() => sink.received.filter((m) => m.to.includes(`dora-${tag}@example.test`)).length, {
        timeout: 30_000,
      })
      .toBe(1);

    // The dashboard names what needs attention and counts today's messages.
    await page.goto(`${baseUrl}/dashboard`);
    expect(await page.getByTestId('today-sent').innerText()).toBe('3');
    expect(await page.getByTestId('today-failed').innerText()).toBe('1');
    const attention = await page.getByTestId('attention-invoices').innerText();
    expect(attention).toContain('1 invoice not sent in the last run');
    expect(attention).toContain(`Client 2 — ${refused}`);
    expect(await page.getByTestId('dashboard-run').count()).toBe(1);
    await page.getByTestId('attention-invoices').getByRole('link').click();
    await page.waitForURL(new RegExp(`/runs/${runId}$`));

    // The run page: the failed invoice, its reason in words; fix the address, resend it alone.
    const row = page.getByTestId('failed-invoice');
    await row.waitFor();
    expect(await row.innerText()).toContain('The recipient’s server refused this address');
    expect(await row.innerText()).toContain('550 mailbox unavailable');
    await row.getByRole('button', { name: 'Fix the address' }).click();
    const fixed = `compta-${tag}@client2.example`;
    await row.getByLabel('Recipients (separated by commas or semicolons)').fill('not an address');
    await row.getByRole('button', { name: 'Save the address' }).click();
    await row.getByRole('alert').waitFor();
    await row.getByLabel('Recipients (separated by commas or semicolons)').fill(fixed);
    await row.getByRole('button', { name: 'Save the address' }).click();
    await row.getByText('Address saved.').waitFor();
    const before = sink.received.length;
    await row.getByRole('button', { name: 'Resend this one' }).click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('run-summary')
            .innerText()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toBe('3 sent, 0 failed of 3');
    await expect.poll(() => page.getByTestId('failed-invoices').count(), { timeout: 30_000 }).toBe(0);
    // The resent invoice, and nothing else but the run's report to whoever started it.
    expect(
      sink.received
        .slice(before)
        .flatMap((m) => m.to)
        .filter((to) => to !== `dora-${tag}@example.test`),
    ).toEqual([fixed]);

    // Each log line links to its outbox message.
    const resentLine = page.getByTestId('log-message-link').filter({ hasText: 'CCT002' }).last();
    expect(await resentLine.innerText()).toContain(fixed);
    await resentLine.click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').innerText()).toContain(fixed);

    // Senders: 5 attempts against the daily limit — the 3 invoices, the resend, and the run's one
    // report: resending a single invoice sends no second report (whoever resends it is watching).
    await expect
      .poll(() => sink.received.filter((m) => m.to.includes(`dora-${tag}@example.test`)).length, {
        timeout: 30_000,
      })
      .toBe(1);
    await page.goto(`${baseUrl}/senders`);
    expect(await page.getByTestId('usage-day').first().innerText()).toBe('5/500 in the last 24 h');

    // Invoices: a sent one is locked, saying why; an unsent one is edited, then deleted.
    await page.goto(`${baseUrl}/invoices?period=2025-04`);
    await page.getByRole('link', { name: 'CCT001', exact: true }).click();
    expect(await page.getByTestId('invoice-locked').innerText()).toContain(
      'can no longer be edited or deleted',
    );
    await page.goto(`${baseUrl}/invoices?period=2025-05`);
    await page.getByRole('link', { name: 'CCT001', exact: true }).click();
    await page.getByLabel('Client name').fill('Dupont SARL');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Invoice saved.').waitFor();
    await page.goto(`${baseUrl}/invoices?period=2025-05`);
    expect(await page.getByTestId('invoice-row').innerText()).toContain('Dupont SARL');
    await page.getByRole('link', { name: 'CCT001', exact: true }).click();
    await page.getByRole('button', { name: 'Delete this invoice' }).click();
    await agreeToDialog(page);
    await page.waitForURL(/\/invoices$/);
    await page.goto(`${baseUrl}/invoices?period=2025-05`);
    expect(await page.getByTestId('invoice-row').count()).toBe(0);
  });
});
