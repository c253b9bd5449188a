// Which Postgres the tests use: TEST_DATABASE_URL, else the local server on 127.0.0.1:5432, else
// an embedded one (the same package the app's embedded default uses). Each test file then gets a
// database of its own, copied from a migrated template.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** A name for the template that changes whenever the migrations do, so a stale one is never reused. */
export function templateName(): string {
  const hash = crypto.createHash('sha256');
  const dir = path.join(process.cwd(), 'drizzle');
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(fs.readFileSync(path.join(process.cwd(), 'lib/jobs/queues.ts')));
  return `mailroom_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
