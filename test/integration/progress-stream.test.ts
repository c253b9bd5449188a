// The progress system on its own: runs and events written in transactions, NOTIFY on commit, and
// GET /api/v1/runs/{id}/events read as a raw SSE client would.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as runEvents from '@/app/api/v1/runs/[id]/events/route';
import * as runById from '@/app/api/v1/runs/[id]/route';
import type { OrgContext } from '@/lib/auth/org-context';
import { runs } from '@/lib/db/schema/progress';
import { recordRunOutcome, recordRunOutcomes } from '@/lib/progress/record-run-outcome';
import { closeRunEventHub, getRunEventHub } from '@/lib/progress/run-event-hub';
import { startRun } from '@/lib/progress/start-run';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { readSse } from '../helpers/sse-reader';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
afterAll(() => closeRunEventHub());

async function newRun(ctx: OrgContext, total: number) {
  return t.db.transaction((tx) =>
    startRun(tx, ctx, { kind: 'test', total, params: {}, message: `Starting ${total} items` }),
  );
}

async function settle(runId: string, outcome: 'succeeded' | 'failed', label: string) {
  await t.db.transaction((tx) =>
    recordRunOutcome(tx, runId, {
      outcome,
      message: (n, total) => `${label} ${n}/${total}`,
      data: { label },
    }),
  );
}

function openStream(org: TestOrg, runId: string, headers: Record<string, string> = {}, query = '') {
  const controller = new AbortController();
  const req = new Request(`http://localhost/api/v1/runs/${runId}/events${query}`, {
    headers: { authorization: `Bearer ${org.apiKey}`, ...headers },
    signal: controller.signal,
  });
  return {
    abort: () => controller.abort(),
    response: runEvents.GET(req, { params: Promise.resolve({ id: runId }) }),
  };
}

describe('progress events over SSE', () => {
  it('replays, then streams live events as they commit, then closes at complete', async () => {
    const org = await createTestOrg(t.db);
    const run = await newRun(org.ctx, 3);
    await settle(run.id, 'succeeded', 'item');

    const { response } = openStream(org, run.id);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const sse = readSse(res);

    const replayed = await sse.waitForEvents(2);
    expect(replayed.map((e) => e.id)).toEqual(['1', '2']);
    expect(replayed.map((e) => (e.json as { kind: string }).kind)).toEqual(['start', 'progress']);
    expect(replayed[1]!.json).toMatchObject({
      runId: run.id,
      seq: 2,
      message: 'item 1/3',
      data: {
        label: 'item',
        counters: { total: 3, processed: 1, succeeded: 1, failed: 0, status: 'running' },
      },
    });
    expect(sse.retry).toBe(2000);

    // Live: written after the stream opened, delivered by NOTIFY through the shared listener.
    await settle(run.id, 'failed', 'item');
    await sse.waitForEvents(3);
    expect(sse.isClosed()).toBe(false);
    await settle(run.id, 'succeeded', 'item');
    await sse.closed;
    expect(
      sse.events.map((e) => [
        e.id,
        e.event,
        (e.json as { kind: string }).kind,
        (e.json as { message: string }).message,
      ]),
    ).toEqual([
      // Named by kind, so a client can addEventListener('complete', …).
      ['1', 'start', 'start', 'Starting 3 items'],
      ['2', 'progress', 'progress', 'item 1/3'],
      ['3', 'error', 'error', 'item 2/3'],
      ['4', 'progress', 'progress', 'item 3/3'],
      ['5', 'complete', 'complete', '2 succeeded, 1 failed of 3'],
    ]);
    const [stored] = await t.db.select().from(runs).where(eq(runs.id, run.id));
    expect(stored).toMatchObject({ status: 'completed', processed: 3, succeeded: 2, failed: 1, lastSeq: 5 });
    expect(stored!.finishedAt).not.toBeNull();
    expect(getRunEventHub().subscriberCount).toBe(0);

    // What the live viewer got is exactly what a replay shows later (same data, same times).
    const replay = readSse(await openStream(org, run.id).response);
    await replay.closed;
    expect(replay.events.map((e) => e.json)).toEqual(sse.events.map((e) => e.json));
  });

  it('a batch of outcomes in one statement: each event numbered, counted and streamed as if alone', async () => {
    const org = await createTestOrg(t.db);
    const run = await newRun(org.ctx, 4);
    await settle(run.id, 'succeeded', 'first');
    const sse = readSse(await openStream(org, run.id).response);
    await sse.waitForEvents(2);

    const { completed } = await t.db.transaction((tx) =>
      recordRunOutcomes(
        tx,
        run.id,
        (['failed', 'succeeded', 'succeeded'] as const).map((outcome, i) => ({
          outcome,
          message: (n, total) => `batch ${i} ${n}/${total}`,
          data: { i },
          summarize: (c) => `${c.succeeded} ok, ${c.failed} not of ${c.total}`,
        })),
      ),
    );
    expect(completed).toBe(true);
    await sse.closed;
    expect(sse.events.map((e) => [e.id, e.event, (e.json as { message: string }).message])).toEqual([
      ['1', 'start', 'Starting 4 items'],
      ['2', 'progress', 'first 1/4'],
      ['3', 'error', 'batch 0 2/4'],
      ['4', 'progress', 'batch 1 3/4'],
      ['5', 'progress', 'batch 2 4/4'],
      ['6', 'complete', '3 ok, 1 not of 4'],
    ]);
    expect(sse.events[3]!.json).toMatchObject({
      data: { i: 1, counters: { total: 4, processed: 3, succeeded: 2, failed: 1, cancelled: 0 } },
    });
    const [stored] = await t.db.select().from(runs).where(eq(runs.id, run.id));
    expect(stored).toMatchObject({ status: 'completed', processed: 4, succeeded: 3, failed: 1, lastSeq: 6 });
  });

  it('resumes after Last-Event-ID (header or query); a finished run replays and closes', async () => {
    const org = await createTestOrg(t.db);
    const run = await newRun(org.ctx, 2);
    await settle(run.id, 'succeeded', 'a');
    await settle(run.id, 'succeeded', 'b');

    const fromHeader = readSse(await openStream(org, run.id, { 'last-event-id': '2' }).response);
    await fromHeader.closed;
    expect(fromHeader.events.map((e) => e.id)).toEqual(['3', '4']);

    const fromQuery = readSse(await openStream(org, run.id, {}, '?lastEventId=3').response);
    await fromQuery.closed;
    expect(fromQuery.events.map((e) => e.id)).toEqual(['4']);

    const upToDate = readSse(await openStream(org, run.id, { 'last-event-id': '4' }).response);
    await upToDate.closed;
    expect(upToDate.events).toEqual([]);

    const everything = readSse(await openStream(org, run.id).response);
    await everything.closed;
    expect(everything.events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);

    const bad = await callRoute(runEvents.GET, {
      apiKey: org.apiKey,
      path: `/api/v1/runs/${run.id}/events?lastEventId=abc`,
      params: { id: run.id },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('lastEventId');
  });

  it("answers 404 with the error shape for another organisation's run, a missing or malformed id", async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const run = await newRun(b.ctx, 1);
    for (const id of [run.id, '7c2e0f64-4c1c-4c4f-9f3a-2b5d1c9e8a77', 'nope']) {
      const res = await callRoute(runEvents.GET, { apiKey: a.apiKey, params: { id } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'Run not found.' } });
      expect((await callRoute(runById.GET, { apiKey: a.apiKey, params: { id } })).status).toBe(404);
    }
    const own = await callRoute(runById.GET, { apiKey: b.apiKey, params: { id: run.id } });
    expect(own.json.run).toMatchObject({ id: run.id, kind: 'test', status: 'running', total: 1, lastSeq: 1 });
  });

  it('cleans up when the client goes away, and never sends what a rolled-back transaction wrote', async () => {
    const org = await createTestOrg(t.db);
    const run = await newRun(org.ctx, 5);
    const stream = openStream(org, run.id);
    const sse = readSse(await stream.response);
    await sse.waitForEvents(1);
    expect(getRunEventHub().subscriberCount).toBe(1);

    await t.db
      .transaction(async (tx) => {
        await recordRunOutcome(tx, run.id, { outcome: 'succeeded', message: () => 'rolled back' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await settle(run.id, 'succeeded', 'kept');
    const events = await sse.waitForEvents(2);
    expect((events[1]!.json as { seq: number; message: string }).message).toBe('kept 1/5');
    expect((events[1]!.json as { seq: number }).seq).toBe(2);

    stream.abort();
    await sse.closed;
    expect(getRunEventHub().subscriberCount).toBe(0);
  });
});
