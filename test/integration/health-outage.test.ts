// /api/health through a database outage, on a Postgres server of this test's own: stopped
// (connections refused) and frozen (SIGSTOP: connections hang, like a stuck or unreachable
// server). Every answer comes within a second and says 503 while the database is down, for as
// long as it is down; health comes back once the database does.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import { closeDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { resetEnvCache } from '@/lib/env';
import { callRoute } from '../helpers/call-route';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { withDatabase } from '../helpers/postgres-server';
import { waitFor } from '../helpers/wait-for';

/** The promise the issue makes: an answer within 1 s, database or not. */
const ANSWER_WITHIN_MS = 1000;
let server: OwnPostgres;
let url: string;
const previousUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  server = await startOwnPostgres();
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database mailroom');
  await admin.end();
  url = withDatabase(server.url, 'mailroom');
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  // A live worker, so that health is 200 while the database is up.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`insert into worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
            values (${`test:${crypto.randomUUID()}`}, 'test', ${process.pid}, now(), now() + interval '1 hour')`;
  await sql.end();
}, 120_000);
afterAll(async () => {
  await closeDb();
  await server?.destroy();
  process.env.DATABASE_URL = previousUrl;
  resetEnvCache();
});

async function timedHealth() {
  const started = performance.now();
  const res = await callRoute(health.GET);
  return {
    status: res.status,
    body: res.json as { database: { status: string } },
    ms: performance.now() - started,
  };
}

/** Asks every 250 ms for `forMs`: each answer must be a prompt 503 with the database down. */
async function expectDownFor(forMs: number) {
  const until = Date.now() + forMs;
  let answers = 0;
  while (Date.now() < until) {
    const { status, body, ms } = await timedHealth();
    expect(status).toBe(503);
    expect(body.database.status).toBe('down');
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    answers++;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(answers).toBeGreaterThan(5);
}

const backUp = () =>
  waitFor(async () => (await timedHealth()).status === 200, {
    what: 'health to be 200 again',
    timeoutMs: 20_000,
  });

describe('/api/health during a database outage', () => {
  it('is 200 with the database up', async () => {
    const { status } = await timedHealth();
    expect(status).toBe(200);
  });

  it('answers 503 promptly for as long as the server is stopped, then 200 again', async () => {
    await server.stop();
    try {
      await expectDownFor(12_000);
    } finally {
      await server.start();
    }
    await backUp();
  }, 60_000);

  it('answers 503 promptly while the server is frozen (connections hang), then 200 again', async () => {
    server.freeze();
    try {
      await expectDownFor(6_000);
    } finally {
      server.thaw();
    }
    await backUp();
  }, 60_000);
});
