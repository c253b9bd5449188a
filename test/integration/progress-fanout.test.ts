// NOTIFY fan-out: many viewers of one run in one process share one LISTEN connection (plus one for
// replays), and each gets every event exactly once, in order, even with concurrent writers.
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as runEvents from '@/app/api/v1/runs/[id]/events/route';
import { recordRunOutcome } from '@/lib/progress/record-run-outcome';
import { closeRunEventHub, getRunEventHub } from '@/lib/progress/run-event-hub';
import { startRun } from '@/lib/progress/start-run';
import { createTestOrg } from '../helpers/orgs';
import { readSse } from '../helpers/sse-reader';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
afterAll(() => closeRunEventHub());

describe('progress NOTIFY fan-out', () => {
  it('delivers every event once and in order to 40 viewers, over at most two connections', async () => {
    const org = await createTestOrg(t.db);
    const total = 120;
    const run = await t.db.transaction((tx) =>
      startRun(tx, org.ctx, { kind: 'test', total, params: {}, message: 'go' }),
    );

    const viewers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const req = new Request(`http://localhost/api/v1/runs/${run.id}/events`, {
          headers: { authorization: `Bearer ${org.apiKey}` },
        });
        const sse = readSse(await runEvents.GET(req, { params: Promise.resolve({ id: run.id }) }));
        await sse.waitForEvents(1);
        return sse;
      }),
    );
    expect(getRunEventHub().subscriberCount).toBe(40);

    // Eight writers at once, each item in its own transaction: the run's row lock orders them.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          next++;
          await t.db.transaction((tx) =>
            recordRunOutcome(tx, run.id, {
              outcome: next % 10 === 0 ? 'failed' : 'succeeded',
              message: (n, of) => `item ${n}/${of}`,
            }),
          );
        }
      }),
    );
    await Promise.all(viewers.map((v) => v.closed));

    const expected = Array.from({ length: total + 2 }, (_, i) => String(i + 1));
    for (const viewer of viewers) {
      expect(viewer.events.map((e) => e.id)).toEqual(expected);
      const last = viewer.events.at(-1)!.json as { kind: string; data: { counters: { processed: number } } };
      expect(last.kind).toBe('complete');
      expect(last.data.counters.processed).toBe(total);
    }
    // Numbers in the log lines follow completion order without gaps.
    const lines = viewers[0]!.events.slice(1, -1).map((e) => (e.json as { message: string }).message);
    expect(lines).toEqual(Array.from({ length: total }, (_, i) => `item ${i + 1}/${total}`));

    const [connections] = await t.db.execute<{ listen: number; query: number }>(sql`
      select count(*) filter (where application_name = 'mailroom-progress-listen')::int as listen,
             count(*) filter (where application_name = 'mailroom-progress')::int as query
      from pg_stat_activity where datname = current_database()`);
    expect(connections).toEqual({ listen: 1, query: 1 });
    expect(getRunEventHub().subscriberCount).toBe(0);
  });

  it('catches up from the table when the shared LISTEN connection is lost and comes back', async () => {
    const org = await createTestOrg(t.db);
    const run = await t.db.transaction((tx) =>
      startRun(tx, org.ctx, { kind: 'test', total: 2, params: {}, message: 'go' }),
    );
    const req = new Request(`http://localhost/api/v1/runs/${run.id}/events`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
    });
    const sse = readSse(await runEvents.GET(req, { params: Promise.resolve({ id: run.id }) }));
    await sse.waitForEvents(1);

    // The run's last events commit just as the database drops the listener (a failover, an idle
    // connection killer…): their NOTIFYs reach no one, and nothing comes after them to reveal a gap.
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 2; i++) {
        await recordRunOutcome(tx, run.id, { outcome: 'succeeded', message: (n, of) => `item ${n}/${of}` });
      }
      await t.db.execute(sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'mailroom-progress-listen'`);
    });
    // postgres.js LISTENs again on a new connection; the hub then has every stream read the table.
    await sse.closed;
    expect(sse.events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect((sse.events.at(-1)!.json as { kind: string }).kind).toBe('complete');
    expect(sse.events.map((e) => e.event)).toEqual(sse.events.map((e) => (e.json as { kind: string }).kind));
  });
});
