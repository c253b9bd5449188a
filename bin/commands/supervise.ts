// `dev` and `start`: one command that runs everything. With no DATABASE_URL it starts the embedded
// Postgres; it migrates, then supervises the web server and the worker with the same DATABASE_URL,
// and stops them all (and the database) on Ctrl-C or when either child dies.
import { type ChildProcess, spawn } from 'node:child_process';
import { migrateDatabase } from '@/lib/db/migrate';
import { loadEnvOrExit } from '@/lib/env';
import { dataDir } from '@/lib/runtime/data-dir';
import { defineCommand } from '../command';

function supervisor(mode: 'dev' | 'start') {
  return async (values: Record<string, string | boolean | undefined>) => {
    const port = String(values.port ?? process.env.PORT ?? '3000');
    let embedded: EmbeddedDatabaseProcess | undefined;
    if (!process.env.DATABASE_URL) {
      embedded = await spawnEmbeddedDatabase();
      process.env.DATABASE_URL = embedded.url;
      console.log(`Using the embedded PostgreSQL (data in ${dataDir()}); set DATABASE_URL to use your own.`);
    }
    process.env.APP_URL ||= `http://localhost:${port}`;
    const env = loadEnvOrExit();
    try {
      await migrateDatabase(env.databaseUrl);
    } catch (error) {
      if (embedded) await terminate(embedded.process);
      throw error;
    }
    console.log('Database migrated.');

    const childEnv = {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      PORT: port,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const web = spawn('next', [mode, '--port', port], { stdio: 'inherit', env: childEnv });
    // The same V8 heap settings as `npm run worker` (package.json): see README, Performance.
    const worker = spawn('tsx', ['--max-semi-space-size=8', '--max-old-space-size=1024', 'worker/index.ts'], {
      stdio: 'inherit',
      env: childEnv,
    });
    console.log(
      `\nMailroom is starting on ${env.APP_URL}  (sign in by email; links land in ${env.APP_URL}/mailbox)\n`,
    );

    return new Promise<number>((resolve) => {
      let stopping = false;
      const stopAll = async (code: number) => {
        if (stopping) return;
        stopping = true;
        // The database goes last, so the worker can finish its jobs and mark itself stopped.
        await Promise.all([terminate(web), terminate(worker)]);
        if (embedded) await terminate(embedded.process);
        resolve(code);
      };
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));
      for (const [name, child] of [
        ['web', web],
        ['worker', worker],
      ] as const) {
        child.on('exit', (code) => {
          if (!stopping)
            console.error(`The ${name} process exited (${code ?? 'signal'}); stopping everything.`);
          void stopAll(code ?? 1);
        });
      }
    });
  };
}

type EmbeddedDatabaseProcess = { url: string; process: ChildProcess };

/** bin/embedded-database.ts in its own process group (see there for why). */
function spawnEmbeddedDatabase(): Promise<EmbeddedDatabaseProcess> {
  const child = spawn('tsx', ['bin/embedded-database.ts'], {
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
    child.once('exit', (code) => reject(new Error(`the embedded database did not start (exit ${code})`)));
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 40_000).unref();
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
