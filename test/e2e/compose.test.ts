// Issue 14, "compose like a mail client", in Chromium against the real SMTP sink: formatted text
// typed in the editor (toolbar and shortcuts), a file dropped on the form (and one over the limit
// refused, saying so), an address picked from the completion list by keyboard (a contact found
// without its accents; a past recipient), the preview as it will be sent, a test to oneself that
// keeps the form as typed, then the message itself — whose HTML part has the formatting, whose
// text part has the words, and whose attachment arrives whole.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { signInByMagicLink } from './sign-in';

const baseUrl = inject('baseUrl');
let browser: Browser;
let sink: SmtpSink;

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink({ auth: false, tls: false });
});
afterAll(async () => {
  await browser?.close();
  await sink?.close();
});

/** Drops files on an element as a person dragging them from their desktop would. */
async function dropFiles(
  page: Page,
  testId: string,
  files: { name: string; type: string; size: number; fill: number }[],
) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list)
      dt.items.add(new File([new Uint8Array(f.size).fill(f.fill)], f.name, { type: f.type }));
    return dt;
  }, files);
  const target = page.getByTestId(testId);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

describe('compose like a mail client', () => {
  it('formats, attaches by drop, completes addresses, previews, tests on oneself and sends', async () => {
    const me = `carla-${crypto.randomBytes(3).toString('hex')}@example.test`;
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signInByMagicLink(page, baseUrl, me);
    await page.waitForURL(/\/dashboard$/);

    // The sink as the default account, a contact, and someone written to before.
    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(`${baseUrl}${path}`, { data });
      expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    };
    await post('/api/v1/senders', {
      name: 'Office',
      kind: 'smtp',
      fromAddress: 'office@example.test',
      host: sink.host,
      port: sink.port,
      security: 'none',
      isDefault: true,
    });
    await post('/api/v1/contacts', {
      firstName: 'Bérénice',
      lastName: 'Étienne',
      email: 'berenice@example.test',
    });
    await post('/api/v1/messages', { to: ['Zoé Lefèvre <zoe@example.test>'], subject: 'Earlier', text: 'x' });
    await sink.waitFor(1, 30_000);

    await page.goto(`${baseUrl}/outbox/compose`);
    // To: "bere" finds Bérénice (accents ignored); picked with the arrow keys and Enter.
    const to = page.getByRole('combobox', { name: 'To' });
    await to.click();
    await to.pressSequentially('bere');
    const list = page.getByRole('listbox', { name: 'To' });
    await list.getByRole('option', { name: /Bérénice Étienne/ }).waitFor();
    expect(await to.getAttribute('aria-autocomplete')).toBe('list');
    expect(await to.getAttribute('aria-expanded')).toBe('true');
    await to.press('ArrowDown');
    expect(await list.getByRole('option', { selected: true }).innerText()).toContain('berenice@example.test');
    await to.press('Enter');
    expect(await to.inputValue()).toBe('Bérénice Étienne <berenice@example.test>, ');
    expect(await to.getAttribute('aria-expanded')).toBe('false');
    // A past recipient, picked with the mouse: "lefe" matches the start of her last name.
    await to.pressSequentially('lefe');
    await list.getByRole('option', { name: /zoe@example\.test/ }).click();
    expect(await to.inputValue()).toBe(
      'Bérénice Étienne <berenice@example.test>, Zoé Lefèvre <zoe@example.test>, ',
    );

    await page.locator('input[name="subject"]').fill('Kermesse de juin');

    // Formatted text: Ctrl+B for bold, the toolbar for a list and a link.
    const editor = page.getByRole('textbox', { name: 'Message' });
    await editor.click();
    await page.keyboard.type('Hello ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('everyone');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(', bring:');
    await page.keyboard.press('Enter');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('cakes');
    await page.keyboard.press('Enter');
    await page.keyboard.type('lemonade');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Details on ');
    await toolbar.getByRole('button', { name: 'Link' }).click();
    const href = page.getByRole('textbox', { name: 'Link address' });
    await href.fill('example.test/kermesse');
    await href.press('Enter');
    expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');
    // The toolbar is one tab stop; arrows move along it.
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Italic');

    // Files dropped on the form are listed with their sizes; one is removed; one too big is refused.
    await dropFiles(page, 'compose-form', [
      { name: 'programme.pdf', type: 'application/pdf', size: 30_000, fill: 7 },
      { name: 'unwanted.txt', type: 'text/plain', size: 10, fill: 1 },
    ]);
    const files = page.getByRole('list', { name: 'Attached files' });
    await files.getByText('programme.pdf').waitFor();
    expect(await files.innerText()).toContain('30 kB');
    await page.getByRole('button', { name: 'Remove unwanted.txt' }).click();
    expect(await files.innerText()).not.toContain('unwanted.txt');
    await dropFiles(page, 'attachments-drop', [
      { name: 'huge.bin', type: 'application/octet-stream', size: 25 * 1024 * 1024, fill: 0 },
    ]);
    const refusal = page.locator('#attachments-field-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('huge.bin');
    expect(await refusal.innerText()).toContain('25 MB');
    expect(await files.innerText()).not.toContain('huge.bin');
    expect(await page.getByLabel('Attachments').evaluate((i: HTMLInputElement) => i.files?.length)).toBe(1);

    // The preview: the HTML part in the sandboxed frame and the text part, as the server makes them.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const frame = page.getByTestId('preview-html');
    await expect
      .poll(async () => (await frame.getAttribute('srcdoc')) ?? '', { timeout: 10_000 })
      .toContain('<strong>everyone</strong>');
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await page.getByTestId('compose-preview').innerText()).toContain('Kermesse de juin');

    // A test to me: the same draft, from the same account, to my address only; the form stays.
    await page.getByRole('button', { name: 'Email me a test' }).click();
    const toast = page.getByTestId('test-notice');
    await toast.waitFor();
    expect(await toast.innerText()).toContain(me);
    await sink.waitFor(2, 30_000);
    const test = sink.received[1]!;
    expect(test.to).toEqual([me]);
    expect(test.from).toBe('office@example.test');
    expect((await sink.parse(test)).html).toContain('<strong>everyone</strong>');
    expect(await to.inputValue()).toBe(
      'Bérénice Étienne <berenice@example.test>, Zoé Lefèvre <zoe@example.test>, ',
    );
    expect(await editor.innerText()).toContain('lemonade');
    expect(await files.innerText()).toContain('programme.pdf');

    // The message itself.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    await sink.waitFor(3, 30_000);
    const sent = sink.received[2]!;
    expect(sent.to.sort()).toEqual(['berenice@example.test', 'zoe@example.test']);
    const mail = await sink.parse(sent);
    expect(mail.subject).toBe('Kermesse de juin');
    expect(mail.html).toContain('<p>Hello <strong>everyone</strong>, bring:</p>');
    expect(mail.html).toMatch(/<ul><li><p>cakes<\/p><\/li><li><p>lemonade<\/p><\/li><\/ul>/);
    expect(mail.html).toContain('<a href="https://example.test/kermesse">example.test/kermesse</a>');
    expect(mail.text).toContain('Hello everyone, bring:');
    expect(mail.text).toContain('* cakes');
    expect(mail.text).toContain('* lemonade');
    expect(mail.text).toContain('https://example.test/kermesse');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['programme.pdf']);
    expect(Buffer.compare(mail.attachments[0]!.content, Buffer.alloc(30_000, 7))).toBe(0);
  });

  it('keeps the message and the files when the form is refused, the error under the editor', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInByMagicLink(page, baseUrl, `dora-${crypto.randomBytes(3).toString('hex')}@example.test`);
    await page.waitForURL(/\/dashboard$/);
    await page.goto(`${baseUrl}/outbox/compose`);
    await page.getByRole('combobox', { name: 'To' }).fill('friend@example.test');
    await page
      .getByLabel('Attachments')
      .setInputFiles({ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('a') });
    // No body: refused, the editor marked and focused, the file still attached.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Message' });
    await page.locator('#message-error').waitFor();
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getAttribute('aria-describedby')).toBe('message-error');
    expect(await editor.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await page.getByRole('list', { name: 'Attached files' }).innerText()).toContain('a.txt');
    expect(await page.getByRole('combobox', { name: 'To' }).inputValue()).toBe('friend@example.test');
  });
});
