// `dev` and `start`: one command that runs everything. With no DATABASE_URL it starts the embedded
// Postgres; it migrates, then supervises the web server and the worker with the same DATABASE_URL,
// and stops them all (and the database last) on Ctrl-C, on SIGTERM, or when either child dies.
// Every child is a plain `node` process (no relaying wrapper such as the tsx CLI, which SIGKILLs
// its child about 60 ms after relaying a signal), so each one gets the signal and stops itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { migrateDatabase } from '@/lib/db/migrate';
import { loadEnvOrExit } from '@/lib/env';
import { dataDir } from '@/lib/runtime/data-dir';
import { handleStopSignals } from '@/lib/runtime/handle-stop-signals';
import { defineCommand } from '../command';

/** The same V8 heap settings as `npm run worker` (package.json): see README, Performance. */
const WORKER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=1024'];
/** How long the web server may take to stop before it is killed. */
const WEB_STOP_MS = 10_000;
/** Beyond the worker's own deadline (it exits by itself at WORKER_SHUTDOWN_TIMEOUT_MS + 15 s). */
const WORKER_STOP_MARGIN_MS = 20_000;

const projectFile = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** A TypeScript entry point run by Node itself, with tsx as its loader. */
function spawnTypeScript(
  file: string,
  options: Parameters<typeof spawn>[2] & { nodeFlags?: string[] },
): ChildProcess {
  const { nodeFlags = [], ...spawnOptions } = options;
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', projectFile(file)], spawnOptions);
}

function supervisor(mode: 'dev' | 'start') {
  return async (values: Record<string, string | boolean | undefined>) => {
    const port = String(values.port ?? process.env.PORT ?? '3000');
    // Development listens on this machine only (the preview mailbox shows sign-in links); HOST
    // opens it up. `start` keeps Next's default (every interface) unless HOST says otherwise.
    const host = process.env.HOST || (mode === 'dev' ? '127.0.0.1' : undefined);
    let embedded: EmbeddedDatabaseProcess | undefined;
    if (!process.env.DATABASE_URL) {
      try {
        embedded = await spawnEmbeddedDatabase();
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        return 1;
      }
      process.env.DATABASE_URL = embedded.url;
      console.log(`Using the embedded PostgreSQL (data in ${dataDir()}); set DATABASE_URL to use your own.`);
    }
    process.env.APP_URL ||= `http://localhost:${port}`;
    const env = loadEnvOrExit();
    try {
      await migrateDatabase(env.databaseUrl);
    } catch (error) {
      if (embedded) await terminate(embedded.process, WEB_STOP_MS);
      throw error;
    }
    console.log('Database migrated.');

    const childEnv = {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      PORT: port,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
    const web = spawn(
      process.execPath,
      [nextBin, mode, '--port', port, ...(host ? ['--hostname', host] : [])],
      { stdio: 'inherit', env: childEnv },
    );
    const worker = spawnTypeScript('worker/index.ts', {
      nodeFlags: WORKER_NODE_FLAGS,
      stdio: 'inherit',
      env: childEnv,
    });
    console.log(
      `\nMailroom is starting on ${env.APP_URL}${host ? ` (listening on ${host}:${port})` : ''}  ` +
        `(sign in by email; links land in ${env.APP_URL}/mailbox)\n`,
    );

    const workerStopMs = env.WORKER_SHUTDOWN_TIMEOUT_MS + WORKER_STOP_MARGIN_MS;
    let stopping: Promise<number> | undefined;
    const stopAll = (code: number) => {
      // The database goes last, so the worker can finish its jobs and mark itself stopped.
      stopping ??= (async () => {
        await Promise.all([terminate(web, WEB_STOP_MS), terminate(worker, workerStopMs)]);
        if (embedded) await terminate(embedded.process, WEB_STOP_MS);
        return code;
      })();
      return stopping;
    };
    handleStopSignals(() => stopAll(0), { deadlineMs: workerStopMs + 2 * WEB_STOP_MS });
    return new Promise<number>((resolve) => {
      for (const [name, child] of [
        ['web', web],
        ['worker', worker],
      ] as const) {
        child.on('exit', (code) => {
          if (!stopping)
            console.error(`The ${name} process exited (${code ?? 'signal'}); stopping everything.`);
          void stopAll(code ?? 1).then(resolve);
        });
      }
    });
  };
}

type EmbeddedDatabaseProcess = { url: string; process: ChildProcess };

/** bin/embedded-database.ts in its own process group (see there for why). */
function spawnEmbeddedDatabase(): Promise<EmbeddedDatabaseProcess> {
  const child = spawnTypeScript('bin/embedded-database.ts', {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MAILROOM_SUPERVISOR_PID: String(process.pid) },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, process: child });
    });
    // Its own message (on stderr, above this one) says why.
    child.once('exit', (code) => reject(new Error(`The embedded database did not start (exit ${code}).`)));
  });
}

function terminate(child: ChildProcess, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
  });
}

const options = { port: { type: 'string' as const } };

export const devCommand = defineCommand({
  name: 'dev',
  summary:
    'Run Mailroom for development: embedded database (unless DATABASE_URL), migrations, next dev and the worker',
  usage: 'dev [--port 3000]',
  options,
  run: supervisor('dev'),
});

export const startCommand = defineCommand({
  name: 'start',
  summary: 'Run the production build (after `npm run build`): migrations, next start and the worker',
  usage: 'start [--port 3000]',
  options,
  run: supervisor('start'),
});
