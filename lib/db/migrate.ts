// Brings a database up to date: drizzle's generated migrations (drizzle/), then pg-boss's schema
// and Mailroom's queues. Safe to run again and from several processes (both take locks).
import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { installQueues } from '../jobs/boss';
import { createDb } from './client';

export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = createDb(url, 1);
  try {
    await migrate(db, { migrationsFolder: path.join(process.cwd(), 'drizzle') });
  } finally {
    await sql.end({ timeout: 5 });
  }
  await installQueues(url);
}
