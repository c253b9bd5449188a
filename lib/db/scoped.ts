// The one tenancy mechanism: every query on an org-owned table filters with these, so a row of
// another organisation is simply not found (404), never forbidden (403), never leaked.
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { notFound } from '../api/errors';
import type { OrgContext } from '../auth/org-context';

type OrgOwned = { orgId: PgColumn };
type OrgOwnedWithId = OrgOwned & { id: PgColumn };

/** `where org_id = <the caller's org>` */
export function inOrg(table: OrgOwned, ctx: OrgContext): SQL {
  return eq(table.orgId, ctx.orgId);
}

/** `where id = <id> and org_id = <the caller's org>`; a malformed id can match nothing. */
export function byIdInOrg(table: OrgOwnedWithId, id: string, ctx: OrgContext): SQL {
  return and(eq(table.id, isUuid(id) ? id : '00000000-0000-0000-0000-000000000000'), inOrg(table, ctx))!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The first row, or a 404 naming the resource. */
export function firstOr404<T>(rows: T[], resource: string): T {
  const row = rows[0];
  if (!row) throw notFound(resource);
  return row;
}
