// A database of the test file's own, copied from the migrated template, and pointed to by
// DATABASE_URL so that lib/ code under test (getDb, pg-boss) uses it. Dropped after the file.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { stopSenderBoss } from '@/lib/jobs/boss';
import { withDatabase } from './postgres-server';

export async function createDatabaseFromTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `mailroom_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** Call at the top of a test file: gives the file its own database for all its tests. */
export function setupTestDatabase() {
  const state: { url: string } = { url: '' };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createDatabaseFromTemplate();
    drop = created.drop;
    state.url = created.url;
    process.env.DATABASE_URL = created.url;
    resetEnvCache();
  });
  afterAll(async () => {
    await stopSenderBoss();
    await closeDb();
    await drop?.();
  });
  return {
    get url() {
      return state.url;
    },
    get db() {
      return getDb();
    },
  };
}
