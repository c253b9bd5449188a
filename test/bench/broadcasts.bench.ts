// Scheduled messages: a message to a group of 10,000 contacts, due now. A real worker process
// picks it up (its wake-up job), expands the group into 10,000 recipients and outbox messages in one
// transaction, and sends them to the SMTP sink (its own process). Per round:
//  - expansion: from the job taking the message to the run's start event (all rows and jobs written);
//  - due → hand-off begins: the message's scheduledAt to its first attempt handed to the transport
//    (target p95 < 2 s), and due → last message at the sink;
//  - the worker's peak RSS while it works;
//  - before the worker starts, the same expansion in this process with its CPU (this process's and
//    the database's), the figure that holds on a shared machine.
//  - the CPU of that expansion in the worker (its process, the database backends), from the
//    message's creation to its leaving `scheduled`: the figure to compare on a shared machine;
//  - each figure's median and worst over the rounds, the load average beside them.
// Beside them, in the same run: the raw figures of the same work without Mailroom — one INSERT … SELECT
// of the group's members into a table of 10,000 rows, and nodemailer pooled sending the 10,000
// emails straight to the sink.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { createBroadcast } from '@/lib/broadcasts/create-broadcast';
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { getDb } from '@/lib/db/client';
import { createSender } from '@/lib/outbox/create-sender';
import { createBenchDatabase, median, percentile } from '../helpers/bench-database';
import { createTestOrg } from '../helpers/orgs';
import type { Bench } from './benches';
import { ownCpuSeconds, startDatabaseCpu } from './database-cpu';
import { cpuSeconds, newWorkerPid } from './process-cpu';
import { startSinkProcess } from './start-sink-process';
import { workerArgs } from './worker-command';

const COUNT = Number(process.env.BENCH_BROADCAST_CONTACTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_BROADCAST_ROUNDS ?? 5);
const CONNECTIONS = 10;

/** The load averages (1, 5, 15 min), to read the wall-clock figures by. */
function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Median and worst of a figure over the rounds. */
function spread(values: number[], format: (v: number) => string): string {
  return `median ${format(median(values))}, worst ${format(Math.max(...values))}`;
}

/** The resident memory of a process and its children (tsx runs the worker in a child node). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return (m ? Number(m[1]) * 1024 : 0) + children.reduce((n, c) => n + rssOf(Number(c)), 0);
  } catch {
    return 0;
  }
}

export const broadcastsBench: Bench = {
  name: 'broadcasts',
  description: `a message to a group of ${COUNT.toLocaleString('en')} contacts due now: expansion, due → hand-off, worker RSS vs raw SQL and raw nodemailer`,
  run: async () => {
    const sink = await startSinkProcess();
    const database = await createBenchDatabase('broadcasts');
    let worker: ChildProcess | undefined;
    try {
      const db = getDb();
      const org = await createTestOrg(db, 'Bench school');
      await createSender(db, org.ctx, {
        name: 'Sink',
        kind: 'smtp',
        fromAddress: 'office@school.example',
        fromName: 'The school',
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        maxConnections: CONNECTIONS,
        isDefault: true,
      });
      const [group] = await db.execute<{ id: string }>(
        sql`insert into contact_groups (org_id, name) values (${org.id}, 'Everyone') returning id`,
      );
      await db.execute(sql`
        with c as (
          insert into contacts (org_id, first_name, last_name, email, custom_fields)
          select ${org.id}, 'Parent', 'N' || i, 'parent' || i || '@families.example',
                 jsonb_build_object('childName', 'Child ' || i)
          from generate_series(1, ${COUNT}) as i
          returning id
        )
        insert into contact_group_members (org_id, group_id, contact_id) select ${org.id}, ${group!.id}, id from c`);
      await db.execute(sql`analyze contacts; analyze contact_group_members`);

      // Raw: the same expansion as one statement, no Mailroom.
      const rawExpansion: number[] = [];
      const rawCpu: number[] = [];
      for (let i = 0; i < 3; i++) {
        const databaseCpu = await startDatabaseCpu(db);
        const t0 = performance.now();
        await db.transaction(async (tx) => {
          await tx.execute(
            sql`create temp table raw_recipients (contact_id uuid, address text, text text) on commit drop`,
          );
          await tx.execute(sql`
            insert into raw_recipients
            select c.id, c.email, 'Bonjour ' || c.first_name || ', la réunion de ' || (c.custom_fields->>'childName')
            from contacts c join contact_group_members m on m.contact_id = c.id
            where m.group_id = ${group!.id} and c.email_opt_out_at is null`);
        });
        rawExpansion.push(performance.now() - t0);
        rawCpu.push(await databaseCpu());
      }

      // Mailroom's expansion in this process, CPU counted (the machine is shared: CPU is the figure
      // that holds): this process's and the database backends', beside the raw statement's.
      console.log(`  load average before the rounds: ${load()}`);
      const inProcess: { ms: number; nodeCpu: number; databaseCpu: number }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const b = await createBroadcast(db, org.ctx, {
          channels: ['email'],
          groupIds: [group!.id],
          subject: 'Réunion pour {childName}',
          content: 'Bonjour {firstName},\nla réunion de la classe de {childName} a lieu demain à 18 h.',
        });
        const databaseCpu = await startDatabaseCpu(db);
        const cpu0 = ownCpuSeconds();
        const t0 = performance.now();
        const [done] = await processDueBroadcasts(db, { broadcastId: b.id });
        const ms = performance.now() - t0;
        const nodeCpu = ownCpuSeconds() - cpu0;
        if (done?.email !== COUNT) throw new Error(`expanded into ${done?.email} emails, not ${COUNT}`);
        inProcess.push({ ms, nodeCpu, databaseCpu: await databaseCpu() });
        // Not sent: the worker starts from an empty outbox.
        await db.execute(sql`truncate broadcast_recipients, outbox_messages cascade`);
        await db.execute(sql`delete from pgboss.job where name like 'outbox-%'`);
      }
      const cpuLine = (r: { nodeCpu: number; databaseCpu: number }) =>
        `${((r.nodeCpu + r.databaseCpu) * 1000).toFixed(0)} ms CPU (this process ${(r.nodeCpu * 1000).toFixed(0)}, database ${(r.databaseCpu * 1000).toFixed(0)})`;
      for (const [i, r] of inProcess.entries())
        console.log(`  in-process expansion ${i + 1}: ${r.ms.toFixed(0)} ms wall, ${cpuLine(r)}`);

      // Exactly what `npm run worker` runs, its V8 heap flags included (as the outbox bench does).
      worker = spawn('node_modules/.bin/tsx', workerArgs(), {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          LOG_LEVEL: 'warn',
          WORKER_SHUTDOWN_TIMEOUT_MS: '10000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const workerPid = await newWorkerPid(new Set());
      let peakRss = 0;
      const sampler = setInterval(() => {
        if (worker?.pid) peakRss = Math.max(peakRss, rssOf(worker.pid));
      }, 100);

      const round = async () => {
        await sink.ask({ type: 'reset' });
        const arrived = sink.ask({ type: 'wait', count: COUNT, timeoutMs: 600_000 });
        const b = await createBroadcast(db, org.ctx, {
          channels: ['email'],
          groupIds: [group!.id],
          subject: 'Réunion pour {childName}',
          content: 'Bonjour {firstName},\nla réunion de la classe de {childName} a lieu demain à 18 h.',
        });
        // The expansion's CPU: from the creation to the message leaving `scheduled` (polled).
        const databaseCpu = await startDatabaseCpu(db);
        const workerCpu0 = cpuSeconds(workerPid);
        for (;;) {
          const [s] = await db.execute<{ status: string }>(
            sql`select status from broadcasts where id = ${b.id}`,
          );
          if (s?.status !== 'scheduled') break;
          await new Promise((r) => setTimeout(r, 20));
        }
        const expansionWorkerCpu = cpuSeconds(workerPid) - workerCpu0;
        const expansionDatabaseCpu = await databaseCpu();
        const result = await arrived;
        if (result.distinct !== COUNT) throw new Error(`the sink got ${result.distinct} of ${COUNT}`);
        const [row] = await db.execute<{
          due: string;
          expanded: string;
          run_started: string;
          first_attempt: string;
        }>(sql`
          select b.scheduled_at as due, b.expanded_at as expanded,
                 (select e.created_at from run_events e where e.run_id = b.run_id and e.seq = 1) as run_started,
                 (select min(a.started_at) from outbox_message_attempts a join outbox_messages m on m.id = a.message_id
                  where m.origin_id = b.id) as first_attempt
          from broadcasts b where b.id = ${b.id}`);
        const due = Date.parse(row!.due);
        return {
          expansionMs: Date.parse(row!.run_started) - Date.parse(row!.expanded),
          handOffMs: Date.parse(row!.first_attempt) - due,
          lastMs: result.last! - due,
          workerCpuMs: expansionWorkerCpu * 1000,
          databaseCpuMs: expansionDatabaseCpu * 1000,
          load: load(),
        };
      };

      await round(); // warm-up: the worker's first fetches and connections
      const rounds = [];
      for (let i = 1; i <= ROUNDS; i++) {
        const r = await round();
        rounds.push(r);
        console.log(
          `  round ${i}: expansion ${r.expansionMs.toFixed(0)} ms · due → hand-off begins ${(r.handOffMs / 1000).toFixed(2)} s · due → last at the sink ${(r.lastMs / 1000).toFixed(2)} s · expansion CPU worker ${r.workerCpuMs.toFixed(0)} ms + database ${r.databaseCpuMs.toFixed(0)} ms · load ${r.load}`,
        );
      }
      clearInterval(sampler);

      // Raw: nodemailer pooled, the same 10,000 emails straight to the sink.
      await sink.ask({ type: 'reset' });
      const arrived = sink.ask({ type: 'wait', count: COUNT, timeoutMs: 600_000 });
      const transport = nodemailer.createTransport({
        pool: true,
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        maxConnections: CONNECTIONS,
        maxMessages: Infinity,
      });
      const started = Date.now();
      await Promise.all(
        Array.from({ length: COUNT }, (_, i) =>
          transport.sendMail({
            from: 'office@school.example',
            to: `parent${i + 1}@families.example`,
            subject: `Réunion pour Child ${i + 1}`,
            text: `Bonjour Parent,\nla réunion de la classe de Child ${i + 1} a lieu demain à 18 h.`,
          }),
        ),
      );
      const raw = await arrived;
      transport.close();
      const rawTotal = raw.last! - started;

      const expansion = median(rounds.map((r) => r.expansionMs));
      const handOffP95 = percentile(
        rounds.map((r) => r.handOffMs),
        95,
      );
      const last = median(rounds.map((r) => r.lastMs));
      console.log(
        `\n  raw SQL expansion (INSERT … SELECT of ${COUNT} members): ${median(rawExpansion).toFixed(0)} ms (median), database CPU ${(median(rawCpu) * 1000).toFixed(0)} ms`,
      );
      const cpuTotal = median(inProcess.map((r) => r.nodeCpu + r.databaseCpu));
      console.log(
        `  Mailroom expansion in process: ${median(inProcess.map((r) => r.ms)).toFixed(0)} ms wall, ${(cpuTotal * 1000).toFixed(0)} ms CPU (medians: this process ${(median(inProcess.map((r) => r.nodeCpu)) * 1000).toFixed(0)}, database ${(median(inProcess.map((r) => r.databaseCpu)) * 1000).toFixed(0)}); CPU ratio to raw ${(cpuTotal / median(rawCpu)).toFixed(1)}×`,
      );
      console.log(
        `  Mailroom expansion (recipients + ${COUNT} outbox messages + jobs + run, one transaction): ${expansion.toFixed(0)} ms (median; target < 1000 ms); ratio ${(expansion / median(rawExpansion)).toFixed(1)}×`,
      );
      console.log(
        `  due → hand-off begins: p95 ${(handOffP95 / 1000).toFixed(2)} s over ${ROUNDS} rounds (target < 2 s)`,
      );
      console.log(
        `  raw nodemailer pooled (${CONNECTIONS} connections): ${(rawTotal / 1000).toFixed(2)} s for ${COUNT}; Mailroom due → last at the sink ${(last / 1000).toFixed(2)} s (median); ratio (raw / Mailroom) ${(rawTotal / last).toFixed(2)}`,
      );
      const ms = (v: number) => `${v.toFixed(0)} ms`;
      const s2 = (v: number) => `${(v / 1000).toFixed(2)} s`;
      console.log(`  over ${ROUNDS} rounds in the worker (load now ${load()}):`);
      console.log(
        `    expansion: ${spread(
          rounds.map((r) => r.expansionMs),
          ms,
        )} (target < 1000 ms)`,
      );
      console.log(
        `    due → hand-off begins: ${spread(
          rounds.map((r) => r.handOffMs),
          s2,
        )} (target p95 < 2 s)`,
      );
      console.log(
        `    expansion CPU: worker ${spread(
          rounds.map((r) => r.workerCpuMs),
          ms,
        )}; database ${spread(
          rounds.map((r) => r.databaseCpuMs),
          ms,
        )}`,
      );
      console.log(`  worker peak RSS: ${(peakRss / 1048576).toFixed(0)} MB`);
    } finally {
      if (worker && worker.exitCode === null) {
        await new Promise<void>((resolve) => {
          worker!.once('exit', () => resolve());
          worker!.kill('SIGTERM');
        });
      }
      await database.drop();
      sink.child.disconnect();
    }
  },
};
