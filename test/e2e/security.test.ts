// Issue 8, against a production build: the system preview mailbox is served only to this
// machine, production without SMTP refuses to start, the CLI sign-in link works once, callbacks
// stay on our origin, every page carries the security headers and still works under them, and
// bursts get 429 with Retry-After. An app of its own (its limits must not starve other files).
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppServer, E2E_DIST_DIR, startApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { externalAddress } from '../helpers/external-address';
import { freePort } from '../helpers/free-port';
import { withDatabase } from '../helpers/postgres-server';

const secretKey = crypto.randomBytes(32).toString('hex');
const dbName = `mailroom_e2e_security_${Date.now()}`;
const databaseUrl = withDatabase(inject('adminDatabaseUrl'), dbName);
let app: AppServer;
let browser: Browser;
let base = '';

beforeAll(async () => {
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}" template "${inject('templateDatabase')}"`);
  await admin.end();
  app = await startApp(databaseUrl, { MAILROOM_SECRET_KEY: secretKey });
  base = app.baseUrl;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

/** A request whose socket comes from this machine's non-loopback address, headers as given. */
function fromOutside(pathname: string, headers: Record<string, string> = {}) {
  const ext = externalAddress();
  const port = Number(new URL(base).port);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: ext, port, path: pathname, localAddress: ext, headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function signinLink(email: string): string {
  const out = execFileSync('npx', ['tsx', 'bin/mailroom.ts', 'signin:link', '--email', email], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_URL: base,
      MAILROOM_SECRET_KEY: secretKey,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });
  const url = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(out)?.[0];
  expect(url, out).toBeTruthy();
  return url!;
}

async function askForLink(page: Page, email: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
}

let signedIn: Page;

describe('the system preview mailbox', () => {
  it('loopback reads the links; from another address nothing, whatever the headers say', async () => {
    const page = await (await browser.newContext()).newPage();
    await askForLink(page, 'mailbox-owner@example.test');
    await page.waitForURL(/\/signin\/check-email/);
    await page.getByRole('link', { name: 'Open the preview mailbox' }).click();
    await page.waitForURL(/\/mailbox$/);
    const href = await page
      .locator('tr', { hasText: 'mailbox-owner@example.test' })
      .getByRole('link')
      .first()
      .getAttribute('href');
    expect(href).toMatch(/^\/mailbox\/[0-9a-f-]{36}$/);
    const local = await fetch(`${base}${href}/raw`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('Subject: Sign in to Mailroom');

    const forged: Record<string, string>[] = [
      {},
      { host: new URL(base).host },
      { host: new URL(base).host, 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' },
      { host: 'localhost', 'x-mailroom-peer': `${'0'.repeat(32)} direct 127.0.0.1` },
    ];
    for (const headers of forged) {
      for (const p of ['/mailbox', href!, `${href}/raw`]) {
        const res = await fromOutside(p, headers);
        expect(res.status, `${p} ${JSON.stringify(headers)}`).toBe(404);
        expect(res.body).not.toContain('callback/email');
        expect(res.body).not.toContain('mailbox-owner@example.test');
      }
    }
    // The sign-in pages do not point other machines at it either (no link; the words themselves
    // travel in the page's message catalogue, like every other string).
    const signIn = (await fromOutside('/signin')).body;
    expect(signIn).toContain('Sign in to Mailroom');
    expect(signIn).not.toMatch(/href="\/mailbox"/);
    // An organisation's own preview mailbox needs a session.
    const preview = await fetch(`${base}/preview`, { redirect: 'manual' });
    expect(preview.status).toBe(307);
    expect(preview.headers.get('location')).toMatch(/\/signin/);
  });

  it('production without SMTP refuses to start, naming SMTP_URL', async () => {
    const port = await freePort();
    const child = spawn(path.join('node_modules', '.bin', 'next'), ['start', '--port', String(port)], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        MAILROOM_SECRET_KEY: secretKey,
        NEXT_DIST_DIR: E2E_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        SMTP_URL: '',
        MAILROOM_PREVIEW_MAIL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 60_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, output).toBe(1);
    expect(output).toContain('SMTP_URL is not set');
    expect(output).toContain('MAILROOM_PREVIEW_MAIL=true');
    // It never served anything meanwhile.
    await expect(fetch(`http://127.0.0.1:${port}/mailbox`)).rejects.toThrow();
  });
});

describe('signing in', () => {
  it('the CLI prints a link that signs in once', async () => {
    const link = signinLink('Operator@Example.test');
    signedIn = await (await browser.newContext()).newPage();
    await signedIn.goto(link);
    await signedIn.waitForURL(/\/dashboard$/);
    expect(await signedIn.getByTestId('signed-in-as').innerText()).toBe('operator@example.test');

    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.waitForURL(/\/signin\?error=Verification/);
    expect(await again.getByText('expired or was already used').count()).toBe(1);
  });

  it('follows only callbacks on our own origin', async () => {
    const origin = new URL(base).origin;
    for (const callback of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/%2F/evil.example',
    ]) {
      await signedIn.goto(`${base}/signin?callbackUrl=${encodeURIComponent(callback)}`);
      expect(new URL(signedIn.url()).origin, callback).toBe(origin);
    }
    await signedIn.goto(`${base}/signin?callbackUrl=${encodeURIComponent('/settings/members')}`);
    await signedIn.waitForURL(/\/settings\/members$/);

    // A magic link whose callbackUrl points elsewhere lands on our dashboard.
    const link = new URL(signinLink('redirect@example.test'));
    link.searchParams.set('callbackUrl', 'https://evil.example/steal');
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).origin).toBe(origin);
  });
});

describe('security headers', () => {
  it('every page carries them, and the pages still work under the policy', async () => {
    const context = signedIn.context();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const consoleCsp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    for (const p of [
      '/dashboard',
      '/outbox',
      '/outbox/compose',
      '/inbox',
      '/senders',
      '/invoices',
      '/runs',
      '/preview',
      '/settings/members',
      '/settings/api-keys',
    ]) {
      const res = await page.goto(`${base}${p}`);
      expect(res?.status(), p).toBe(200);
      const headers = res!.headers();
      expect(headers['content-security-policy'], p).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options'], p).toBe('nosniff');
      expect(headers['referrer-policy'], p).toBe('same-origin');
      // Next's inline scripts ran (the RSC payload queue exists) and nothing was blocked.
      expect(await page.evaluate(() => typeof (window as unknown as { __next_f?: unknown }).__next_f)).toBe(
        'object',
      );
      expect(
        await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
      ).toEqual([]);
    }
    expect(consoleCsp).toEqual([]);
    // Client-side navigation works too (a hydrated link, no full load).
    await page.goto(`${base}/dashboard`);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/settings\/api-keys$/);
    await page.getByLabel('Name').fill('csp check');
    await page.getByRole('button', { name: 'Create API key' }).click();
    expect(await page.getByTestId('new-api-key').innerText()).toMatch(/^mr_live_/);

    // The sign-in page too, and downloads keep their own sandbox policy.
    const signin = await fetch(`${base}/signin`);
    expect(signin.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const href = await (await fetch(`${base}/mailbox`))
      .text()
      .then((h) => /\/mailbox\/[0-9a-f-]{36}/.exec(h)?.[0]);
    const raw = await fetch(`${base}${href}/raw`);
    expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rate limits', () => {
  it('sign-in emails: the form says so after five, the endpoint answers 429 with Retry-After', async () => {
    const page = await (await browser.newContext()).newPage();
    for (let i = 0; i < 5; i++) {
      await askForLink(page, 'burst@example.test');
      await page.waitForURL(/\/signin\/check-email/);
    }
    await askForLink(page, 'burst@example.test');
    await expect.poll(() => page.getByText('Too many sign-in emails').count()).toBe(1);
    expect(page.url()).toMatch(/\/signin$/);

    const jar = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await jar.json()) as { csrfToken: string };
    const cookie = jar.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${base}/api/auth/signin/email`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ email: 'burst-api@example.test', csrfToken }),
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe('rate_limited');
  });

  it('API-key failures per client address: 429 with Retry-After, other addresses unaffected', async () => {
    const page = await signedIn.context().newPage();
    await page.goto(`${base}/settings/api-keys`);
    await page.getByLabel('Name').fill('limits');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByTestId('new-api-key').innerText();

    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/api/v1/org`, {
        headers: { authorization: `Bearer mr_live_guess${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await fetch(`${base}/api/v1/org`, { headers: { authorization: `Bearer ${key}` } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    const elsewhere = await fromOutside('/api/v1/org', { authorization: `Bearer ${key}` });
    expect(elsewhere.status).toBe(200);
  });
});
