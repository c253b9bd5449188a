// A list of ids as ONE bind parameter (`= any($1::uuid[])`) instead of drizzle's `in ($1, …, $n)`:
// the statement text stays the same whatever the count, so the driver prepares it once per
// connection instead of describing a new statement for every batch size.
import { type SQL, sql } from 'drizzle-orm';

export function uuidArray(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::uuid[]`;
}
