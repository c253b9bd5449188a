// A migrated database of its own for a benchmark (outside vitest): on TEST_DATABASE_URL's server or
// the local one, pointed to by DATABASE_URL so lib/ code in the benchmark process uses it.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { closeDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { resetEnvCache } from '@/lib/env';
import { stopSenderBoss } from '@/lib/jobs/boss';
import { canConnect, withDatabase } from './postgres-server';

export async function createBenchDatabase(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(adminUrl))) {
    throw new Error(
      `Benchmarks need a PostgreSQL server: none answers at ${adminUrl} (set TEST_DATABASE_URL).`,
    );
  }
  const name = `mailroom_bench_${label}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return {
    url,
    drop: async () => {
      await stopSenderBoss();
      await closeDb();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}
