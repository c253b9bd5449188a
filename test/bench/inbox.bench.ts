// The IMAP sync against a real Dovecot (its own, on this machine), in the same run:
//  1. initial sync of a 10,000-message mailbox (written straight into the Maildir): raw imapflow
//     fetching every message whole (connect, SELECT, FETCH 1:* BODY[]) vs Mailroom's sync run by a
//     real worker process (as `npm run worker` starts it): fetch, parse with mailparser, store messages and
//     attachments, cursors. Mailroom's time is the run's own (connect to last commit); the worker's
//     peak resident memory is its VmHWM.
//  2. a no-change sync of 100 mailboxes: `inbox:sync`'s in-process loop (locks, STATUS per folder,
//     status rows) vs raw imapflow connect + STATUS + logout for the same 100, same concurrency.
// Medians of several rounds. Targets: ratio ≥ 0.7, RSS ≤ 300 MB, no-change 100 mailboxes < 2 s.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { getDb } from '@/lib/db/client';
import { inboxMailboxes, inboxMessages } from '@/lib/db/schema/inbox';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { env } from '@/lib/env';
import { createIntegration } from '@/lib/inbox/create-integration';
import { enqueueMailboxSync } from '@/lib/inbox/enqueue-mailbox-sync';
import { parseMessage } from '@/lib/inbox/parse-message';
import { syncMailboxes } from '@/lib/inbox/sync-mailboxes';
import { createBenchDatabase, median } from '../helpers/bench-database';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { workerArgs } from './worker-command';

const COUNT = Number(process.env.BENCH_INBOX_MESSAGES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_INBOX_ROUNDS ?? 3);
const MAILBOXES = Number(process.env.BENCH_INBOX_MAILBOXES ?? 100);
const BIG = { email: 'big@example.com', password: 'big-pw' };

/** A mix like a real business inbox: plain notes, HTML newsletters, invoices with a PDF. */
function* messages(count: number): Generator<{ raw: string; seen: boolean; date: Date }> {
  const now = Date.now();
  const filler = 'Thank you for your order; the details of this month follow below. ';
  for (let i = 0; i < count; i++) {
    const date = new Date(now - (count - i) * 300_000);
    const text = `Hello,\r\n\r\n${filler.repeat(20 + (i % 40))}\r\n\r\nRegards,\r\nSender ${i % 97}\r\n`;
    const head = [
      `From: "Customer ${i % 97}" <customer${i % 97}@example.org>`,
      'To: big@example.com',
      `Subject: Order ${i} (${i % 3 === 0 ? 'newsletter' : 'note'})`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: <bench-${i}-${crypto.randomBytes(3).toString('hex')}@example.org>`,
      ...(i % 5 === 1 ? [`In-Reply-To: <bench-${i - 1}@example.org>`] : []),
      'MIME-Version: 1.0',
    ].join('\r\n');
    let raw: string;
    if (i % 10 === 0) {
      const pdf = crypto.randomBytes(15_000).toString('base64').replace(/.{76}/g, '$&\r\n');
      raw = `${head}\r\nContent-Type: multipart/mixed; boundary="m${i}"\r\n\r\n--m${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--m${i}\r\nContent-Type: application/pdf; name="invoice-${i}.pdf"\r\nContent-Disposition: attachment; filename="invoice-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n--m${i}--\r\n`;
    } else if (i % 3 === 0) {
      raw = `${head}\r\nContent-Type: multipart/alternative; boundary="a${i}"\r\n\r\n--a${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--a${i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>${text.replace(/\r\n/g, '<br>')}</p></body></html>\r\n--a${i}--\r\n`;
    } else {
      raw = `${head}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}`;
    }
    yield { raw, seen: i % 2 === 0, date };
  }
}

function imap(dovecot: Dovecot, user: { email: string; password: string }): ImapFlow {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.email, pass: user.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  return client;
}

/** Raw imapflow: every message's source, the floor under any sync. */
async function rawFetch(dovecot: Dovecot, keep?: Buffer[]): Promise<{ rate: number; count: number }> {
  const started = performance.now();
  const client = imap(dovecot, BIG);
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  let count = 0;
  let bytes = 0;
  for await (const m of client.fetch(
    '1:*',
    { uid: true, flags: true, size: true, internalDate: true, source: true },
    { uid: true },
  )) {
    count++;
    bytes += m.source?.length ?? 0;
    if (keep && m.source) keep.push(m.source);
  }
  await client.logout();
  if (bytes === 0) throw new Error('raw fetch got no bytes');
  return { rate: count / ((performance.now() - started) / 1000), count };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A fresh mailbox synced by a real worker process; its run's own duration and the worker's peak RSS. */
async function mailroomRound(url: string, org: TestOrg, dovecot: Dovecot) {
  const db = getDb();
  await db.delete(inboxMailboxes).where(eq(inboxMailboxes.orgId, org.id));
  const mailbox = await createIntegration(db, org.ctx, {
    name: 'Big',
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    username: BIG.email,
    password: BIG.password,
    active: false, // only the sync asked for below, not the dispatcher's
  });
  const known = new Set(
    (await db.select({ id: workerHeartbeats.workerId }).from(workerHeartbeats)).map((r) => r.id),
  );
  // Exactly what `npm run worker` runs (its V8 heap flags included), unless BENCH_WORKER_NODE_FLAGS
  // says otherwise ("" for Node's defaults).
  const worker = spawn('node_modules/.bin/tsx', workerArgs(), {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', WORKER_SHUTDOWN_TIMEOUT_MS: '10000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let pid = 0;
    while (!pid) {
      const rows = await db.select().from(workerHeartbeats);
      pid = rows.find((r) => !known.has(r.workerId))?.pid ?? 0;
      if (!pid) await new Promise((r) => setTimeout(r, 20));
    }
    const rssBefore = peakRssMb(pid);
    await enqueueMailboxSync(mailbox.id, 'manual');
    for (;;) {
      const [row] = await db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailbox.id));
      if (row?.lastRun && !row.lastRun.backfillPending) {
        if (row.status !== 'success') throw new Error(`the sync ended ${row.status}: ${row.lastError}`);
        const [stored] = await db.execute<{ n: number; distinct: number }>(
          sql`select count(*)::int as n, count(distinct external_id)::int as distinct from ${inboxMessages} where mailbox_id = ${mailbox.id}`,
        );
        if (stored!.n !== COUNT || stored!.distinct !== COUNT) {
          throw new Error(`stored ${stored!.n} messages (${stored!.distinct} distinct), not ${COUNT}`);
        }
        return {
          rate: row.lastRun.imported / (row.lastRun.durationMs / 1000),
          rssMb: peakRssMb(pid),
          idleRssMb: rssBefore,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.kill('SIGTERM');
    });
  }
}

async function noChange(dovecot: Dovecot, org: TestOrg) {
  const db = getDb();
  const users = Array.from({ length: MAILBOXES }, (_, i) => ({
    email: `box${i}@example.com`,
    password: `pw-${i}`,
  }));
  await dovecot.addUsers(users);
  const ids: string[] = [];
  for (const [i, u] of users.entries()) {
    dovecot.writeMaildir(u.email, 'INBOX', [...messages(5)]);
    const m = await createIntegration(db, org.ctx, {
      name: `Box ${i}`,
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: u.email,
      password: u.password,
      active: false,
    });
    ids.push(m.id);
  }
  const concurrency = env().INBOX_SYNC_CONCURRENCY;
  const first = await syncMailboxes(db, ids, { reason: 'cli', concurrency });
  if (first.some((o) => o.kind !== 'synced' || o.status !== 'success'))
    throw new Error('initial sync failed');

  const mailroom: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < 5; round++) {
    let started = performance.now();
    const outcomes = await syncMailboxes(db, ids, { reason: 'cli', concurrency });
    mailroom.push(performance.now() - started);
    for (const o of outcomes) {
      if (o.kind !== 'synced' || o.status !== 'success' || !o.summary.folders.every((f) => f.unchanged)) {
        throw new Error(`a no-change sync did work: ${JSON.stringify(o)}`);
      }
    }
    started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < users.length) {
          const client = imap(dovecot, users[next++]!);
          await client.connect();
          await client.status('INBOX', {
            messages: true,
            uidNext: true,
            uidValidity: true,
            highestModseq: true,
          });
          await client.logout();
        }
      }),
    );
    raw.push(performance.now() - started);
  }
  return { mailroom: median(mailroom), raw: median(raw), concurrency };
}

export const inboxBench: Bench = {
  name: 'inbox',
  description: `IMAP sync: initial sync of ${COUNT.toLocaleString('en')} messages (raw imapflow vs a worker) and a no-change sync of ${MAILBOXES} mailboxes`,
  run: async () => {
    const dovecot = await startDovecot();
    const database = await createBenchDatabase('inbox');
    try {
      await dovecot.addUser(BIG.email, BIG.password);
      let t = performance.now();
      const written = dovecot.writeMaildir(BIG.email, 'INBOX', messages(COUNT));
      console.log(
        `  wrote ${written.toLocaleString('en')} messages into the Maildir in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      t = performance.now();
      // Dovecot indexes the folder on first access: not part of any figure. The sources serve to
      // measure mailparser alone (the same parseMessage the sync uses): the ceiling of any sync
      // that parses every message on one core.
      const sources: Buffer[] = [];
      await rawFetch(dovecot, sources);
      console.log(`  first access (Dovecot indexing) ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
      for (const source of sources) await parseMessage(source);
      const parseRate = sources.length / ((performance.now() - t) / 1000);
      sources.length = 0;

      const org = await createTestOrg(getDb(), 'Bench');
      const raw: number[] = [];
      const mailroom: number[] = [];
      const rss: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const r = await rawFetch(dovecot);
        if (r.count !== COUNT) throw new Error(`raw fetch saw ${r.count} messages`);
        const m = await mailroomRound(database.url, org, dovecot);
        raw.push(r.rate);
        mailroom.push(m.rate);
        rss.push(m.rssMb);
        console.log(
          `  round ${round + 1}: raw imapflow ${r.rate.toFixed(0)} msg/s · Mailroom ${m.rate.toFixed(0)} msg/s (ratio ${(m.rate / r.rate).toFixed(2)}) · worker peak RSS ${m.rssMb.toFixed(0)} MB (idle ${m.idleRssMb.toFixed(0)} MB)`,
        );
      }
      console.log(
        `  initial sync, median of ${ROUNDS}: raw ${median(raw).toFixed(0)} msg/s · Mailroom ${median(mailroom).toFixed(0)} msg/s · ratio ${(median(mailroom) / median(raw)).toFixed(2)} (target ≥ 0.7) · worker peak RSS ${median(rss).toFixed(0)} MB (target ≤ 300)`,
      );
      console.log(
        `  for scale: mailparser alone parses ${parseRate.toFixed(0)} msg/s of these messages here (ratio ${(parseRate / median(raw)).toFixed(2)} of the raw fetch); Mailroom is ${(median(mailroom) / parseRate).toFixed(2)} of that`,
      );

      const nc = await noChange(dovecot, org);
      console.log(
        `  no-change sync of ${MAILBOXES} mailboxes, median of 5 (${nc.concurrency} at a time): Mailroom ${nc.mailroom.toFixed(0)} ms · raw connect+STATUS+logout ${nc.raw.toFixed(0)} ms · ratio ${(nc.raw / nc.mailroom).toFixed(2)} (target < 2000 ms)`,
      );
    } finally {
      await database.drop();
      await destroyDovecot(dovecot);
    }
  },
};
