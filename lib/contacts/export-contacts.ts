// All the organisation's contacts as CSV, in the columns the import reads (custom fields after
// them, one column each), so an export imports back unchanged.
import { asc } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import { writeCsv } from '../csv/write-csv';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { CSV_COLUMNS } from './contact-csv-columns';
import { toContactViews } from './contact-view';

export async function exportContacts(db: DbOrTx, ctx: OrgContext): Promise<string> {
  const rows = await db
    .select()
    .from(contacts)
    .where(inOrg(contacts, ctx))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id));
  const views = await toContactViews(db, ctx, rows);
  const customNames = [...new Set(views.flatMap((v) => Object.keys(v.customFields)))].sort();
  const lines = [[...CSV_COLUMNS, ...customNames]];
  for (const v of views) {
    lines.push([
      v.firstName,
      v.lastName,
      v.email ?? '',
      v.phone ?? '',
      v.language ?? '',
      v.emailOptOut ? v.emailOptOut.at.toISOString() : '',
      v.emailOptOut?.reason ?? '',
      v.smsOptOut ? v.smsOptOut.at.toISOString() : '',
      v.smsOptOut?.reason ?? '',
      v.groups.map((g) => g.name).join('; '),
      ...customNames.map((n) => v.customFields[n] ?? ''),
    ]);
  }
  return writeCsv(lines);
}
