// The Gmail path against a local Gmail API server (and the local OAuth server for its tokens),
// both in this process, 1,000 messages of ~5 KB: raw googleapis users.messages.send with 5 sends
// in flight (the account's lanes) beside Mailroom (enqueued through the REST batch endpoint, then
// sent by a worker in this process: claim, MIME, Gmail API, settle). Rates are first-to-last
// arrival at the server. Medians of several rounds. Target: ratio ≥ 0.8.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { gmail_v1 } from '@googleapis/gmail';
import { eq } from 'drizzle-orm';
import * as messagesRoute from '@/app/api/v1/messages/route';
import { resolveAccountAuth } from '@/lib/credentials/resolve-account-auth';
import { getDb } from '@/lib/db/client';
import { senderAccounts } from '@/lib/db/schema/outbox';
import { resetEnvCache } from '@/lib/env';
import { log } from '@/lib/log';
import { buildMime } from '@/lib/mail/build-mime';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { startConnect } from '@/lib/oauth/start-connect';
import { registry } from '@/worker/registry';
import { runWorker } from '@/worker/run-worker';
import { createBenchDatabase, median } from '../helpers/bench-database';
import { startGmailServer } from '../helpers/gmail-server';
import { startOAuthServer } from '../helpers/oauth-server';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';

const COUNT = Number(process.env.BENCH_GMAIL_MESSAGES ?? 1000);
const ROUNDS = Number(process.env.BENCH_GMAIL_ROUNDS ?? 3);
const IN_FLIGHT = 5;

function letter(i: number) {
  const line = `Invoice ${i}: thank you for your business, the details of this month's services follow. `;
  return {
    subject: `Invoice ${i} for March`,
    text: `Hello,\n\n${line.repeat(22)}`,
    html: `<p>${line.repeat(22)}</p>`,
  };
}

/** BENCH_GMAIL_CPU_PROFILE=<path prefix>: a CPU profile of each round's Mailroom part. */
const PROFILE_TO = process.env.BENCH_GMAIL_CPU_PROFILE;

async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

async function waitForCount(received: { length: number }, count: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const gmailBench: Bench = {
  name: 'gmail',
  description: `Gmail API: ${COUNT.toLocaleString('en')} messages of ~5 KB, raw googleapis vs the outbox`,
  run: async () => {
    const oauth = await startOAuthServer();
    const gmail = await startGmailServer(oauth);
    Object.assign(process.env, {
      GOOGLE_CLIENT_ID: oauth.clientId,
      GOOGLE_CLIENT_SECRET: oauth.clientSecret,
      GOOGLE_AUTH_URL: `${oauth.url}/authorize`,
      GOOGLE_TOKEN_URL: `${oauth.url}/token`,
      GMAIL_API_URL: gmail.url,
      MAILROOM_POLL_INTERVAL_SECONDS: '0.5',
      LOG_LEVEL: 'warn',
    });
    resetEnvCache();
    // The logger was made when this module was imported, before LOG_LEVEL above: without this the
    // worker in this process wrote two JSON lines per message to stdout that the raw sends never
    // pay (a production worker logs them, to a file or journald, not to this terminal).
    const level = log.level;
    log.level = 'warn';
    const database = await createBenchDatabase('gmail');
    const worker = await runWorker(registry);
    try {
      const org = await createTestOrg(getDb(), 'Bench');
      oauth.nextUser = 'bench@gmail.test';
      const { url } = await startConnect(getDb(), org.ctx, { provider: 'google', purposes: ['send'] });
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
      const { senderId } = await completeConnect(getDb(), org.ctx, {
        provider: 'google',
        state: back.searchParams.get('state')!,
        code: back.searchParams.get('code')!,
      });
      // Gmail's preset of 500 a day would defer most of the run to tomorrow: no limit here.
      await getDb().update(senderAccounts).set({ ratePerDay: null }).where(eq(senderAccounts.id, senderId!));
      // The raw sends use the connected account's access token, read as the worker reads it.
      const [row] = await getDb().select().from(senderAccounts).where(eq(senderAccounts.id, senderId!));
      const auth = await resolveAccountAuth(getDb(), row!);
      const accessToken = auth && 'accessToken' in auth ? auth.accessToken : '';
      const api = new gmail_v1.Gmail({});

      const raw: number[] = [];
      const mailroom: number[] = [];
      // CPU time is less at the mercy of a busy machine than rates are.
      const rawCpu: number[] = [];
      const mailroomCpu: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        gmail.received.length = 0;
        const queue = Array.from({ length: COUNT }, (_, i) => i);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
              const mime = await buildMime({
                from: 'raw@gmail.test',
                to: 'friend@example.test',
                ...letter(i),
              });
              await api.users.messages.send(
                { userId: 'me', requestBody: { raw: mime.toString('base64url') } },
                { rootUrl: gmail.url, retry: false, headers: { authorization: `Bearer ${accessToken}` } },
              );
            }
          }),
        );
        raw.push(COUNT / ((performance.now() - t0) / 1000));
        rawCpu.push(cpuMicros(c0) / COUNT);

        gmail.received.length = 0;
        for (let b = 0; b < COUNT; b += 1000) {
          const res = await messagesRoute.POST(
            new Request('http://localhost/api/v1/messages', {
              method: 'POST',
              headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
              body: JSON.stringify({
                messages: Array.from({ length: Math.min(1000, COUNT - b) }, (_, k) => ({
                  senderId,
                  to: 'friend@example.test',
                  ...letter(b + k),
                })),
              }),
            }),
            { params: Promise.resolve({}) },
          );
          if (res.status !== 202) throw new Error(`enqueue answered ${res.status}: ${await res.text()}`);
        }
        await waitForCount(gmail.received, 1);
        const t1 = performance.now();
        const c1 = process.cpuUsage();
        const profiler = PROFILE_TO ? await startProfile() : null;
        await waitForCount(gmail.received, COUNT);
        if (profiler) await profiler.stop(`${PROFILE_TO}.round${round + 1}.cpuprofile`);
        mailroom.push((COUNT - 1) / ((performance.now() - t1) / 1000));
        mailroomCpu.push(cpuMicros(c1) / (COUNT - 1));
        console.log(
          `  round ${round + 1}: raw googleapis ${raw.at(-1)!.toFixed(0)} msg/s · Mailroom ${mailroom.at(-1)!.toFixed(0)} msg/s (ratio ${(mailroom.at(-1)! / raw.at(-1)!).toFixed(2)}) · CPU of this process per message: raw ${rawCpu.at(-1)!.toFixed(0)} µs, Mailroom ${mailroomCpu.at(-1)!.toFixed(0)} µs`,
        );
      }
      console.log(
        `  median of ${ROUNDS}: raw ${median(raw).toFixed(0)} msg/s · Mailroom ${median(mailroom).toFixed(0)} msg/s · ratio ${(median(mailroom) / median(raw)).toFixed(2)} (target ≥ 0.8) · CPU per message raw ${median(rawCpu).toFixed(0)} µs, Mailroom ${median(mailroomCpu).toFixed(0)} µs (Gmail server included in both; PostgreSQL not)`,
      );
    } finally {
      log.level = level;
      await worker.stop();
      await closeSenderTransports();
      await database.drop();
      await gmail.close();
      await oauth.close();
    }
  },
};
