// Progress events against the real app (production build, `next start`):
//  1. commit → Chromium EventSource latency over ≥ 1,000 events (target p95 < 50 ms), beside a raw
//     postgres.js LISTEN in Node receiving the same NOTIFYs (the floor under any SSE server);
//  2. 1,000 concurrent SSE viewers of one run on one web process: every viewer gets every event, the
//     stream holds ≤ 2 database connections, and the fan-out delay beside a bare node:http SSE
//     server fed by its own LISTEN.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import type { OrgContext } from '@/lib/auth/org-context';
import { getDb } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema/auth';
import { PROGRESS_CHANNEL } from '@/lib/progress/append-run-event';
import { recordRunOutcome } from '@/lib/progress/record-run-outcome';
import { startRun } from '@/lib/progress/start-run';
import { type AppServer, buildApp, startApp } from '../helpers/app-server';
import { createBenchDatabase, median, percentile } from '../helpers/bench-database';
import { launchBrowser } from '../helpers/browser';
import { freePort } from '../helpers/free-port';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';

const LATENCY_EVENTS = Number(process.env.BENCH_PROGRESS_EVENTS ?? 1000);
const LATENCY_ROUNDS = 3;
const VIEWERS = Number(process.env.BENCH_PROGRESS_VIEWERS ?? 1000);
const FANOUT_EVENTS = 200;
const FANOUT_ROUNDS = 3;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Writes one item outcome per transaction; returns seq → the time just before COMMIT. */
async function writeEvents(runId: string, count: number, paceMs: number): Promise<Map<number, number>> {
  const db = getDb();
  const commits = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    await db.transaction(async (tx) => {
      const { run } = await recordRunOutcome(tx, runId, {
        outcome: i % 25 === 24 ? 'failed' : 'succeeded',
        message: (n, total) =>
          `✅ Email ${n}/${total} sent: CCT${n} - FACTURE_2025_01.pdf → billing${n}@client.example`,
        data: {
          clientCode: `CCT${i}`,
          fileName: 'FACTURE_2025_01.pdf',
          recipients: [`billing${i}@client.example`],
        },
      });
      commits.set(run.lastSeq, now());
    });
    if (paceMs) await sleep(paceMs);
  }
  return commits;
}

async function newRun(ctx: OrgContext, total: number) {
  return getDb().transaction((tx) =>
    startRun(tx, ctx, { kind: 'bench', total, params: {}, message: 'bench' }),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Latency into Chromium's EventSource

async function latencyRound(page: Page, ctx: OrgContext, listen: postgres.Sql, events: number) {
  const run = await newRun(ctx, events + 1);
  const raw = new Map<number, number>();
  const { unlisten } = await listen.listen(PROGRESS_CHANNEL, (payload) => {
    const m = JSON.parse(payload) as { runId?: string; seq?: number };
    if (m.runId === run.id && m.seq) raw.set(m.seq, now());
  });
  await page.evaluate((id) => {
    const w = window as unknown as { times: Record<number, number>; count: number; source?: EventSource };
    w.source?.close();
    w.times = {};
    w.count = 0;
    w.source = new EventSource(`/api/v1/runs/${id}/events`);
    w.source.onmessage = (m) => {
      w.times[Number(m.lastEventId)] = performance.timeOrigin + performance.now();
      w.count++;
    };
  }, run.id);
  await waitUntil(
    async () => (await page.evaluate(() => (window as unknown as { count: number }).count)) >= 1,
    30_000,
    'the start event',
  );

  const commits = await writeEvents(run.id, events, 4);
  await waitUntil(
    async () => (await page.evaluate(() => (window as unknown as { count: number }).count)) >= events + 1,
    60_000,
    'every event in the browser',
  );
  const browser = await page.evaluate(() => (window as unknown as { times: Record<number, number> }).times);
  await unlisten();
  const inBrowser: number[] = [];
  const inNode: number[] = [];
  for (const [seq, committed] of commits) {
    inBrowser.push(browser[seq]! - committed);
    if (raw.has(seq)) inNode.push(raw.get(seq)! - committed);
  }
  return { inBrowser, inNode };
}

// ---------------------------------------------------------------------------------------------
// 2. Many viewers

type Viewer = { seqs: number[]; times: Map<number, number>; abort: AbortController };

async function openViewer(url: string, headers: Record<string, string>): Promise<Viewer> {
  const viewer: Viewer = { seqs: [], times: new Map(), abort: new AbortController() };
  const res = await fetch(url, { headers, signal: viewer.abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`viewer got ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = now();
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const id = /^id: (\d+)$/m.exec(buffer.slice(0, end))?.[1];
          if (id) {
            viewer.seqs.push(Number(id));
            viewer.times.set(Number(id), at);
          }
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return viewer;
}

async function openViewers(url: string, headers: Record<string, string>, count: number) {
  const viewers: Viewer[] = [];
  // In waves, as browsers arriving would: not 1,000 TCP handshakes in the same millisecond.
  for (let i = 0; i < count; i += 100) {
    viewers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, () => openViewer(url, headers)),
      )),
    );
  }
  return viewers;
}

function fanoutDelays(viewers: Viewer[], commits: Map<number, number>) {
  const delays: number[] = [];
  for (const [seq, committed] of commits) {
    let last = 0;
    for (const v of viewers) last = Math.max(last, v.times.get(seq) ?? Number.POSITIVE_INFINITY);
    delays.push(last - committed);
  }
  return delays;
}

/** A bare SSE server: one LISTEN, every notification written to every client. No auth, no replay. */
async function startRawSseServer(url: string) {
  const clients = new Set<http.ServerResponse>();
  const listen = postgres(url, { max: 1, onnotice: () => {} });
  await listen.listen(PROGRESS_CHANNEL, (payload) => {
    const seq = (JSON.parse(payload) as { seq?: number }).seq;
    if (!seq) return;
    const frame = `id: ${seq}\ndata: ${payload}\n\n`;
    for (const c of clients) c.write(frame);
  });
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': hello\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  });
  server.maxConnections = 100_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const c of clients) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await listen.end({ timeout: 1 });
    },
  };
}

function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  // The web server and whatever it forked.
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map<number, number>();
  for (const d of all) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, p] of parent) {
      if (tree.has(p) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

// ---------------------------------------------------------------------------------------------

export const progressBench: Bench = {
  name: 'progress',
  description: `progress events: commit → Chromium EventSource latency, and ${VIEWERS} SSE viewers of one run`,
  run: async () => {
    const database = await createBenchDatabase('progress');
    let app: AppServer | undefined;
    const browser = await launchBrowser();
    const listen = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      if (process.env.MAILROOM_E2E_REUSE_BUILD !== '1') buildApp();
      app = await startApp(database.url, { MAILROOM_SECRET_KEY: crypto.randomBytes(32).toString('hex') });
      const org = await createTestOrg(getDb(), 'Bench');
      const token = crypto.randomBytes(24).toString('hex');
      await getDb()
        .insert(sessions)
        .values({ sessionToken: token, userId: org.ownerId, expires: new Date(Date.now() + 86_400_000) });
      const context = await browser.newContext();
      await context.addCookies([{ name: 'authjs.session-token', value: token, url: app.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/api/health`);

      // 1. Latency.
      await latencyRound(page, org.ctx, listen, 200); // warm-up: JIT, connections, route compilation
      const rounds = [];
      for (let r = 1; r <= LATENCY_ROUNDS; r++) {
        const { inBrowser, inNode } = await latencyRound(page, org.ctx, listen, LATENCY_EVENTS);
        const row = {
          p50: percentile(inBrowser, 50),
          p95: percentile(inBrowser, 95),
          p99: percentile(inBrowser, 99),
          rawP50: percentile(inNode, 50),
          rawP95: percentile(inNode, 95),
        };
        rounds.push(row);
        console.log(
          `  latency round ${r} (${inBrowser.length} events): Chromium EventSource p50 ${ms(row.p50)}, p95 ${ms(row.p95)}, p99 ${ms(row.p99)} | raw LISTEN in Node p50 ${ms(row.rawP50)}, p95 ${ms(row.rawP95)}`,
        );
      }
      const p95 = median(rounds.map((r) => r.p95));
      console.log(
        `commit → browser latency, median of ${LATENCY_ROUNDS} rounds × ${LATENCY_EVENTS} events: p50 ${ms(median(rounds.map((r) => r.p50)))}, p95 ${ms(p95)} (target < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'}); raw LISTEN p50 ${ms(median(rounds.map((r) => r.rawP50)))}, p95 ${ms(median(rounds.map((r) => r.rawP95)))}`,
      );
      await page.evaluate(() => (window as unknown as { source?: EventSource }).source?.close());

      // 2. Viewers.
      const run = await newRun(org.ctx, FANOUT_EVENTS * FANOUT_ROUNDS);
      const countConnections = async () =>
        getDb().execute<{ application_name: string; n: number }>(sql`
          select application_name, count(*)::int as n from pg_stat_activity
          where datname = current_database() group by 1 order by 1`);
      const rssBefore = rssMb(app.web.pid);
      const before = await countConnections();
      const opened = now();
      const viewers = await openViewers(
        `${app.baseUrl}/api/v1/runs/${run.id}/events`,
        { authorization: `Bearer ${org.apiKey}` },
        VIEWERS,
      );
      await waitUntil(
        () => viewers.every((v) => v.seqs.length >= 1),
        120_000,
        'every viewer to replay the start event',
      );
      const connectSeconds = (now() - opened) / 1000;
      const during = await countConnections();
      const byName = (rows: { application_name: string; n: number }[], name: string) =>
        rows.find((r) => r.application_name === name)?.n ?? 0;
      const stream = byName(during, 'mailroom-progress-listen') + byName(during, 'mailroom-progress');
      const total = (rows: { n: number }[]) => rows.reduce((n, r) => n + r.n, 0);

      const mailroomP95: number[] = [];
      const mailroomP50: number[] = [];
      for (let r = 0; r < FANOUT_ROUNDS; r++) {
        const commits = await writeEvents(run.id, FANOUT_EVENTS, 10);
        const last = Math.max(...commits.keys());
        await waitUntil(
          () => viewers.every((v) => v.times.has(last)),
          120_000,
          'every viewer to get every event',
        );
        const delays = fanoutDelays(viewers, commits);
        mailroomP50.push(percentile(delays, 50));
        mailroomP95.push(percentile(delays, 95));
      }
      // The run completes with the last outcome: its `complete` event ends every stream.
      await waitUntil(
        () => viewers.every((v) => v.seqs.at(-1) === FANOUT_EVENTS * FANOUT_ROUNDS + 2),
        60_000,
        'complete',
      );
      const expected = Array.from({ length: FANOUT_EVENTS * FANOUT_ROUNDS + 2 }, (_, i) => i + 1).join(',');
      const complete = viewers.filter((v) => v.seqs.join(',') === expected).length;
      const rssDuring = rssMb(app.web.pid);
      for (const v of viewers) v.abort.abort();

      // The same fan-out from a bare node:http SSE server with its own LISTEN.
      const raw = await startRawSseServer(database.url);
      const rawRun = await newRun(org.ctx, FANOUT_EVENTS * FANOUT_ROUNDS + 1);
      const rawViewers = await openViewers(raw.url, {}, VIEWERS);
      const rawP95: number[] = [];
      const rawP50: number[] = [];
      for (let r = 0; r < FANOUT_ROUNDS; r++) {
        const commits = await writeEvents(rawRun.id, FANOUT_EVENTS, 10);
        const last = Math.max(...commits.keys());
        await waitUntil(() => rawViewers.every((v) => v.times.has(last)), 120_000, 'raw viewers');
        const delays = fanoutDelays(rawViewers, commits);
        rawP50.push(percentile(delays, 50));
        rawP95.push(percentile(delays, 95));
      }
      for (const v of rawViewers) v.abort.abort();
      await raw.close();

      console.log(
        `${VIEWERS} viewers connected (auth + replay) in ${connectSeconds.toFixed(2)} s; every event to every viewer, in order, exactly once: ${complete}/${VIEWERS} viewers`,
      );
      console.log(
        `  database connections held by the SSE streams: ${stream} (LISTEN ${byName(during, 'mailroom-progress-listen')} + replay ${byName(during, 'mailroom-progress')}; target ≤ 2); all connections to the database: ${total(before)} before the viewers, ${total(during)} with them (the rest are the web's general pool used by auth, and the worker)`,
      );
      console.log(
        `  fan-out, commit → last of ${VIEWERS} viewers, median of ${FANOUT_ROUNDS} rounds × ${FANOUT_EVENTS} events: Mailroom p50 ${ms(median(mailroomP50))}, p95 ${ms(median(mailroomP95))} | bare node:http + LISTEN p50 ${ms(median(rawP50))}, p95 ${ms(median(rawP95))} | ratio of p95s (raw / Mailroom) ${(median(rawP95) / median(mailroomP95)).toFixed(2)}`,
      );
      console.log(
        `  web process RSS: ${rssBefore.toFixed(0)} MB before, ${rssDuring.toFixed(0)} MB with ${VIEWERS} viewers`,
      );
    } finally {
      await browser.close();
      await listen.end({ timeout: 1 });
      await app?.stop();
      await database.drop();
    }
  },
};
