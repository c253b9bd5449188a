// Raw SQL (json_to_recordset batches, CTEs drizzle cannot build) returns snake_case rows; this turns
// them into the table's drizzle type through the table's own column definitions, so a new column
// is declared once in lib/db/schema and every raw statement that lists it maps it the same way.
import { getTableColumns, type InferSelectModel, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** `createdAt` → `created_at`: the database's name of a column (the client uses snake_case casing). */
export function columnName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export type SqlRowMapper<T extends PgTable, K extends keyof InferSelectModel<T>> = {
  /** The columns, quoted and comma-separated (optionally prefixed by a table alias). */
  columns: (alias?: string) => SQL;
  /** One raw row (snake_case, driver values) → the drizzle type's fields. */
  map: (row: Record<string, unknown>) => Pick<InferSelectModel<T>, K>;
};

/** The mapper of some (or all) of a table's columns. */
export function sqlRowMapper<T extends PgTable, K extends keyof InferSelectModel<T> & string>(
  table: T,
  keys?: readonly K[],
): SqlRowMapper<T, K> {
  const all = getTableColumns(table) as Record<string, T['_']['columns'][string]>;
  const chosen = (keys ?? (Object.keys(all) as K[])).map((key) => {
    const column = all[key];
    if (!column) throw new Error(`no column ${key}`);
    return { key, name: columnName(key), column };
  });
  return {
    columns: (alias) =>
      sql.raw(chosen.map((c) => (alias ? `${alias}."${c.name}"` : `"${c.name}"`)).join(', ')),
    map: (row) => {
      const out: Record<string, unknown> = {};
      for (const c of chosen) {
        const value = row[c.name];
        out[c.key] = value === null || value === undefined ? null : c.column.mapFromDriverValue(value);
      }
      return out as Pick<InferSelectModel<T>, K>;
    },
  };
}
