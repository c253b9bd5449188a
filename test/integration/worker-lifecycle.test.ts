import { type ChildProcess, spawn } from 'node:child_process';
import { isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as health from '@/app/api/health/route';
import { closeDb } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema/system';
import { resetEnvCache } from '@/lib/env';
import { createBoss } from '@/lib/jobs/boss';
import { enqueue } from '@/lib/jobs/enqueue';
import type { QueueDefinition } from '@/lib/jobs/queues';
import { defineJob } from '@/worker/job';
import { runWorker } from '@/worker/run-worker';
import { callRoute } from '../helpers/call-route';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the worker process', () => {
  it('beats its heart (health turns 200), and on SIGTERM exits 0 and is marked stopped (health 503)', async () => {
    const before = await callRoute(health.GET);
    expect(before.status).toBe(503);
    expect(before.json).toMatchObject({ database: { status: 'up' }, worker: { status: 'down' } });

    // As `npm run worker` runs it: node itself, with tsx as its loader.
    const worker = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
      env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn', WORKER_SHUTDOWN_TIMEOUT_MS: '5000' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(worker);
    await waitFor(async () => {
      const res = await callRoute(health.GET);
      return res.status === 200 ? res : undefined;
    }, 'a healthy worker');

    const exit = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exit).toBe(0);
    const live = await t.db.select().from(workerHeartbeats).where(isNull(workerHeartbeats.stoppedAt));
    expect(live).toEqual([]);
    expect((await callRoute(health.GET)).status).toBe(503);
  });

  it('stops taking jobs on stop() but lets a running job finish before it returns', async () => {
    const queue = {
      name: 'test-slow',
      schema: z.object({ n: z.number() }),
      options: { retryLimit: 0 },
    } satisfies QueueDefinition;
    const boss = createBoss(t.url, 'migrate');
    await boss.start();
    await boss.createQueue(queue.name, queue.options);
    await boss.stop({ graceful: false });

    const finished: number[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const slow = defineJob({
      queue,
      work: { pollingIntervalSeconds: 0.5 },
      handle: async ({ n }) => {
        started();
        await new Promise((r) => setTimeout(r, 1500));
        finished.push(n);
      },
    });
    const worker = await runWorker([slow]);
    await enqueue(queue, { n: 1 });
    await running;
    await worker.stop();
    expect(finished).toEqual([1]);
    // The job was completed in pg-boss, not left active for another worker to redo.
    resetEnvCache();
    const rows = await t.db.execute(sql`select state from pgboss.job where name = 'test-slow'`);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
  });

  it('answers 503 with the database down', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nothing';
    resetEnvCache();
    await closeDb();
    try {
      const res = await callRoute(health.GET);
      expect(res.status).toBe(503);
      expect(res.json.database.status).toBe('down');
    } finally {
      process.env.DATABASE_URL = t.url;
      resetEnvCache();
      await closeDb();
    }
  });
});
