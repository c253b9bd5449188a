import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Integration and end-to-end files mostly wait (on Postgres, SMTP, Dovecot, a worker, Chromium),
// and each has its own database, ports and folders, so several can run at once:
// MAILROOM_TEST_FILES=3 runs three side by side. Unset, vitest's default stays (cores − 1: one at
// a time on 2 cores): on the shared, loaded machine three at once made the process-heavy files
// (outbox-workers, embedded-start, inbox-push…) hit their timeouts — see test/README.md.
const filesAtOnce = Number(process.env.MAILROOM_TEST_FILES) || undefined;

export default defineConfig({
  resolve: { alias },
  test: {
    // One pool of forks serves the integration and e2e projects together (maxForks is global in
    // vitest 3); the unit project runs beside it in its own threads pool, untouched.
    poolOptions: { forks: { maxForks: filesAtOnce } },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'worker/**/*.test.ts', 'bin/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/register-origins.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // next-auth imports `next/server` without an extension; let vite resolve it.
          server: { deps: { inline: ['next-auth', '@auth/core'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts', 'test/e2e/global-setup.ts'],
          // The e2e global setup builds Next in the background (~2–3 min): e2e files run after the
          // unit and integration files (group 0), which run during the build, and each waits for
          // the app in its setup file.
          sequence: { groupOrder: 1 },
          setupFiles: ['test/e2e/wait-for-app.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
    ],
  },
});
