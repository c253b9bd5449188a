// `npm run dev` opened at http://127.0.0.1:<port> as well as http://localhost:<port> (issue 14,
// bug 2): the dev server serves its scripts to both, so pages become interactive, and the
// magic link brings the person back to the host they asked from, signed in there.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema/auth';
import { memberships } from '@/lib/db/schema/orgs';
import { resetEnvCache } from '@/lib/env';
import { inviteMember } from '@/lib/orgs/invite-member';
import { launchBrowser } from '../helpers/browser';
import { freePort } from '../helpers/free-port';
import { createTestOrg } from '../helpers/orgs';
import { createDatabaseFromTemplate } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

const DEV_DIST_DIR = '.next-e2e-dev';
let browser: Browser;
let dev: ChildProcess;
let port: number;
let dropDatabase: (() => Promise<void>) | undefined;
let db: ReturnType<typeof createDb> | undefined;

beforeAll(async () => {
  const database = await createDatabaseFromTemplate();
  dropDatabase = database.drop;
  db = createDb(database.url, 2);
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  port = await freePort();
  const { APP_URL: _app, HOST: _host, NEXT_DIST_DIR: _dist, ...inherited } = process.env;
  // A fresh folder of its own: never a running `next dev`'s, nor a previous run's cache (a
  // restored Turbopack cache sent this test's pages into an endless reload now and then).
  fs.rmSync(DEV_DIST_DIR, { recursive: true, force: true });
  dev = spawn(process.execPath, ['--import', 'tsx', 'bin/mailroom.ts', 'dev', '--port', String(port)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...inherited,
      NEXT_DIST_DIR: DEV_DIST_DIR,
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
    },
  });
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
      } catch {
        return false;
      }
    },
    { what: 'npm run dev to answer', timeoutMs: 240_000, intervalMs: 500 },
  );
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((r) => dev.once('exit', r));
    process.kill(-dev.pid, 'SIGTERM');
    await exited;
  }
  await db?.sql.end();
  await dropDatabase?.();
  fs.rmSync(DEV_DIST_DIR, { recursive: true, force: true });
});

describe('the dev server at 127.0.0.1 and at localhost', () => {
  for (const host of ['127.0.0.1', 'localhost']) {
    it(`at ${host}: pages become interactive and the magic link signs in on ${host}`, async () => {
      const baseUrl = `http://${host}:${port}`;
      const context = await browser.newContext();
      // next dev compiles each page on its first visit: slow on a busy machine, not a failure.
      context.setDefaultTimeout(150_000);
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.url().includes('/_next/') && r.status() === 403) refused.push(r.url());
      });
      await page.goto(`${baseUrl}/signin`);
      // React has hydrated: Next's client bootstrap has run.
      await page.waitForFunction(
        () => Boolean((window as { next?: { version?: string } }).next?.version),
        null,
        {
          timeout: 120_000,
        },
      );
      expect(refused).toEqual([]);

      // The form works (a server action on this host), then the link from the preview mailbox.
      const email = `dev-${host.replace(/\W/g, '')}@example.test`;
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.waitForURL(`${baseUrl}/signin/check-email`);
      await page.goto(`${baseUrl}/mailbox`);
      await page
        .locator('tr', { hasText: email })
        .filter({ hasText: 'Sign in to Mailroom' })
        .first()
        .getByRole('link')
        .click();
      const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(
        await page.getByTestId('mail-text').innerText(),
      )?.[0];
      expect(new URL(link!).origin, 'the link goes back to the host it was asked from').toBe(baseUrl);
      await page.goto(link!);
      await page.waitForURL(`${baseUrl}/dashboard`, { timeout: 120_000 });
      expect(await page.getByTestId('signed-in-as').innerText()).toBe(email);
    }, 300_000);
  }

  it('an invitation opened at 127.0.0.1 survives the magic-link sign-in; no personal organisation is made', async () => {
    const baseUrl = `http://127.0.0.1:${port}`;
    const org = await createTestOrg(db!.db, 'Bénévoles du quartier');
    const email = 'invitee@example.test';
    const { url } = await inviteMember(db!.db, org.ctx, { email, role: 'member' });
    const invitePath = new URL(url).pathname;

    const context = await browser.newContext();
    context.setDefaultTimeout(150_000);
    const page = await context.newPage();
    await page.goto(`${baseUrl}${invitePath}`);
    await page.waitForURL(/\/signin\?callbackUrl=/);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.waitForURL(`${baseUrl}/signin/check-email`);
    await page.goto(`${baseUrl}/mailbox`);
    await page
      .locator('tr', { hasText: email })
      .filter({ hasText: 'Sign in to Mailroom' })
      .first()
      .getByRole('link')
      .click();
    const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(
      await page.getByTestId('mail-text').innerText(),
    )?.[0];
    await page.goto(link!);
    await page.waitForURL(`${baseUrl}${invitePath}`);
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    expect(await page.locator('h1').innerText()).toBe('Bénévoles du quartier');
    const joined = await db!.db
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    expect(joined).toEqual([{ orgId: org.id }]);
  }, 300_000);
});
