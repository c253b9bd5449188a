// Fresh planner statistics for a queue's job table after a large insert. Without them Postgres
// plans the fetch for the empty table it last saw and fetching becomes ~20× slower until
// autovacuum gets round to it. One ANALYZE at a time per queue; others skip.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export async function analyzeQueue(db: DbOrTx, queueName: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtext(${`mailroom:analyze:${queueName}`})) as locked`,
    );
    if (!lock?.locked) return;
    const [queue] = await tx.execute<{ table_name: string }>(
      sql`select table_name from pgboss.queue where name = ${queueName}`,
    );
    if (!queue) return;
    await tx.execute(sql`analyze ${sql.identifier('pgboss')}.${sql.identifier(queue.table_name)}`);
  });
}
