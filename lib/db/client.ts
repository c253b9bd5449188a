// One postgres.js pool per process, wrapped by drizzle. Cached on globalThis so that Next's
// hot reload in development does not open a new pool on every edit.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '../env';

export type Db = PostgresJsDatabase;
/** A transaction or the database itself: use-cases accept either, so callers can compose them. */
export type DbOrTx = Pick<
  Db,
  'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction' | '$count'
>;

type Cached = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __mailroomDb?: Cached };

export function createDb(url: string, max = 10): Cached {
  const sql = postgres(url, {
    max,
    // Fail fast when the database is down, so /api/health answers 503 instead of hanging.
    connect_timeout: 5,
    onnotice: () => {},
    // postgres.js would otherwise turn bigint/numeric into strings; counters here fit in a number.
    types: { bigint: postgres.BigInt },
  });
  return { sql, db: drizzle(sql, { casing: 'snake_case' }), url };
}

/** The process's database, opened on first use against the configured URL. */
export function getDb(): Db {
  return getConnection().db;
}

export function getSql(): postgres.Sql {
  return getConnection().sql;
}

function getConnection(): Cached {
  const url = env().databaseUrl;
  if (!globalForDb.__mailroomDb || globalForDb.__mailroomDb.url !== url) {
    globalForDb.__mailroomDb = createDb(url);
  }
  return globalForDb.__mailroomDb;
}

/** Closes the process's pool (worker shutdown, CLI exit, tests). */
export async function closeDb(): Promise<void> {
  const cached = globalForDb.__mailroomDb;
  globalForDb.__mailroomDb = undefined;
  await cached?.sql.end({ timeout: 5 });
}
