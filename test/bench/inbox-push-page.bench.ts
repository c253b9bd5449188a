// New mail in seconds, as a person sees it: the inbox page open in Chromium (a production build,
// `next start`, with its worker), mailboxes on a real Dovecot watched with IMAP IDLE. Each message
// is timed from the start of its APPEND to the moment the open page shows its subject — through
// push, the worker's sync, NOTIFY, the page's event stream and its re-render; nobody reloads.
// Beside it, the raw library: a bare imapflow client in IDLE on the same Dovecot, timed from APPEND
// to its EXISTS notice (the part of the figure that is the server's own). Target: p95 under 3 s.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { signInByMagicLink } from '../e2e/sign-in';
import { type AppServer, buildApp, startApp } from '../helpers/app-server';
import { createBenchDatabase, median, percentile } from '../helpers/bench-database';
import { launchBrowser } from '../helpers/browser';
import { destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, storedMessages } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { createWatchedMailboxes } from './push-mailboxes';

const MAILBOXES = Number(process.env.BENCH_PUSH_PAGE_MAILBOXES ?? 10);
const MESSAGES = Number(process.env.BENCH_PUSH_PAGE_MESSAGES ?? 60);

export const inboxPushPageBench: Bench = {
  name: 'inbox-push-page',
  description: `push: APPEND → shown on the open inbox page in Chromium, ${MESSAGES} messages on ${MAILBOXES} mailboxes`,
  run: async () => {
    const dovecot = await startDovecot();
    const database = await createBenchDatabase('inbox_push_page');
    const browser = await launchBrowser();
    let app: AppServer | undefined;
    try {
      if (process.env.MAILROOM_E2E_REUSE_BUILD !== '1') buildApp();
      // The app's worker must unseal the passwords this process seals: the same key.
      app = await startApp(database.url, {
        INBOX_MAX_CONNECTIONS_PER_HOST: '100',
        MAILROOM_SECRET_KEY: env().secretKey.toString('hex'),
      });
      const db = getDb();
      const org = await createTestOrg(db, 'Push page bench');
      const { ids, users } = await createWatchedMailboxes(db, org.ctx, dovecot, MAILBOXES, 'page');

      const context = await browser.newContext();
      const page = await context.newPage();
      await signInByMagicLink(page, app.baseUrl, org.ownerEmail);
      await page.goto(`${app.baseUrl}/inbox`);
      if (!new URL(page.url()).pathname.endsWith('/inbox')) {
        throw new Error(
          `the inbox page did not open (at ${page.url()}): ${(await page.innerText('body')).slice(0, 300)}`,
        );
      }
      // The page's event stream is open before the first message: it is what brings new mail in.
      await page.waitForLoadState('networkidle').catch(() => {});

      const clients = await Promise.all(users.map((u) => dovecot.client(u.email, u.password)));
      const onPage: number[] = [];
      // One at a time: each message's figure is its own, not its place in a queue of others.
      for (let i = 0; i < MESSAGES; i++) {
        const subject = `page-bench-${i}-${crypto.randomBytes(3).toString('hex')}`;
        const started = performance.now();
        await clients[i % MAILBOXES]!.append('INBOX', buildMessage({ subject }));
        await page
          .waitForFunction((s) => document.body.innerText.includes(s), subject, {
            timeout: 60_000,
            polling: 'raf',
          })
          .catch(async (error) => {
            const stored = await storedMessages(db, ids[i % MAILBOXES]!);
            throw new Error(
              `${subject} never showed on ${page.url()} (stored: ${stored.some((m) => m.subject === subject)}): ${(await page.innerText('main')).slice(0, 500)}`,
              {
                cause: error,
              },
            );
          });
        onPage.push(performance.now() - started);
      }

      // The raw library on the same server: IDLE, APPEND, EXISTS.
      const raw = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        doSTARTTLS: false,
        auth: { user: users[0]!.email, pass: users[0]!.password },
        logger: false,
      });
      await raw.connect();
      await raw.mailboxOpen('INBOX');
      const rawTimes: number[] = [];
      for (let i = 0; i < Math.min(20, MESSAGES); i++) {
        const exists = new Promise<void>((resolve) => raw.once('exists', () => resolve()));
        const started = performance.now();
        await clients[0]!.append('INBOX', buildMessage({ subject: `raw-${i}` }));
        await exists;
        rawTimes.push(performance.now() - started);
      }
      await raw.logout();
      await Promise.all(clients.map((c) => c.logout()));
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(
        `  raw imapflow IDLE on the same Dovecot, APPEND → EXISTS (${rawTimes.length} messages): p50 ${s(median(rawTimes))} · p95 ${s(percentile(rawTimes, 95))}`,
      );
      console.log(
        `  ${MESSAGES} messages, APPEND → shown on the open inbox page (Chromium, no reload): p50 ${s(median(onPage))} · p95 ${s(percentile(onPage, 95))} (target < 3 s: ${percentile(onPage, 95) < 3000 ? 'met' : 'NOT met'}) · max ${s(Math.max(...onPage))}`,
      );
      console.log('  (the REST API figure of the same path is `npm run bench inbox-push`)');
    } finally {
      await app?.stop();
      await browser.close();
      await database.drop();
      await destroyDovecot(dovecot);
    }
  },
};
