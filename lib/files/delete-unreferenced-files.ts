// The file store's sweep: deletes stored files nothing refers to any more. "Refers" is read from
// the database's own foreign keys to stored_files, so a table that starts referring to files (an
// SMS's media, a reply's attachment) is covered without touching this. Files used in the last hour
// are left alone: a transaction that has just stored or reused one may not have committed its
// reference yet (storeFiles touches last_used_at under the row's lock).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export async function deleteUnreferencedFiles(db: DbOrTx): Promise<number> {
  const refs = await db.execute<{ schema_name: string; table_name: string; column_name: string }>(sql`
    select n.nspname as schema_name, t.relname as table_name, a.attname as column_name
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'stored_files'::regclass
  `);
  const unreferenced = sql.join(
    refs.map(
      (r) =>
        sql`not exists (select 1 from ${sql.identifier(r.schema_name)}.${sql.identifier(r.table_name)} x where x.${sql.identifier(r.column_name)} = f.id)`,
    ),
    sql` and `,
  );
  let total = 0;
  for (;;) {
    const deleted = await db.execute<{ id: string }>(sql`
      delete from stored_files where id in (
        select f.id from stored_files f
        where f.last_used_at < now() - interval '1 hour' ${refs.length ? sql`and ${unreferenced}` : sql``}
        limit 1000
        for update skip locked
      )
      returning id
    `);
    total += deleted.length;
    if (deleted.length < 1000) return total;
  }
}
