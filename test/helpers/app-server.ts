// The real application for end-to-end tests and benchmarks: a production build served by
// `next start`, plus the worker, both on a database of their own.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort } from './free-port';

export const E2E_DIST_DIR = '.next-e2e';

const buildEnv = () => ({ ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' });

export function buildApp(): void {
  execFileSync('npx', ['next', 'build'], { stdio: ['ignore', 'inherit', 'inherit'], env: buildEnv() });
}

/**
 * The same build without blocking this process (the e2e global setup builds while others test);
 * `signal` stops it. Next's own binary, not npx: the signal then reaches the build itself.
 */
export function buildAppInBackground(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['build'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: buildEnv(),
      signal,
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export type AppServer = {
  baseUrl: string;
  stop: () => Promise<void>;
  web: ChildProcess;
  worker: ChildProcess;
};

export async function startApp(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  /** A port chosen beforehand (its address already handed out); else a free one. */
  givenPort?: number,
): Promise<AppServer> {
  const port = givenPort ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_URL: baseUrl,
    NEXT_DIST_DIR: E2E_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
    // Production without SMTP refuses to start unless the preview mailbox is accepted explicitly;
    // the tests read sign-in links there (from loopback, the only place it is served).
    MAILROOM_PREVIEW_MAIL: 'true',
    // As in production (`next start` runs with NODE_ENV=production): an explicit key is required.
    NODE_ENV: 'production' as const,
    MAILROOM_SECRET_KEY: crypto.randomBytes(32).toString('hex'),
    // Every e2e file signs in from 127.0.0.1 on the shared app (about 15 sign-ins a run, and more
    // with every new file), so the per-client limit is raised for the test app only; the limit per
    // email address stays as in production. sign-in-limits.test.ts checks the default of 20.
    MAILROOM_SIGNIN_EMAILS_PER_CLIENT: '1000',
    ...extraEnv,
  };
  const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name);
  const web = spawn(bin('next'), ['start', '--port', String(port)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const worker = spawn(bin('tsx'), ['worker/index.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await waitForHealthy(baseUrl, 60_000);
  } catch (error) {
    // Nobody else will stop them (a web process that never answered, a worker still polling).
    await Promise.all([stopChild(web), stopChild(worker)]);
    throw error;
  }
  return {
    baseUrl,
    web,
    worker,
    stop: async () => {
      await Promise.all([stopChild(web), stopChild(worker)]);
    },
  };
}

async function waitForHealthy(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app at ${baseUrl} did not become healthy: ${last}`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
    child.kill(signal);
  });
}
