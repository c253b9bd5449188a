// Contact import from a CSV: each row is checked on its own (a bad one is reported with its line
// and reason, and nothing of it is stored); the good rows are stored together in one transaction.
// A row whose email — else phone — is already a contact's updates that contact instead of adding
// a second one: the cells it fills replace the stored values, empty cells leave them; its groups
// (created when new) are added to the contact's, none is taken away.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { NUL_MESSAGE, safeParseInput, unprocessable } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import { headerKey, readCsv } from '../csv/read-csv';
import type { Db } from '../db/client';
import { type Contact, contactGroupMembers, contactGroups, contacts } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { CSV_ALIASES, type CsvColumn, customFieldName, splitGroups } from './contact-csv-columns';
import { contactValues, rethrowDuplicateContact } from './contact-values';
import { type ContactImportError, type ContactImportResult, updateContactFields } from './contacts.schema';
import { orgPhoneRegion } from './normalise-phone';

export const MAX_CONTACT_ROWS = 50_000;
const INSERT_CHUNK = 500;

type GoodRow = {
  line: number;
  values: Partial<typeof contacts.$inferInsert>;
  groups: string[];
};

export async function importContacts(db: Db, ctx: OrgContext, text: string): Promise<ContactImportResult> {
  const { header, rows } = readCsv(text, 'The CSV file');
  if (rows.length > MAX_CONTACT_ROWS)
    throw unprocessable(`The CSV file has more than ${MAX_CONTACT_ROWS} rows.`);
  const { columns, custom } = mapHeader(header);
  const region = await orgPhoneRegion(db, ctx);
  const errors: ContactImportError[] = [];
  const good: GoodRow[] = [];
  const seen = new Map<string, number>();

  for (const { line, record } of rows) {
    // Every cell, groups and custom fields too, before anything reads it: PostgreSQL cannot store NUL.
    if (record.some((c) => c.includes('\u0000'))) {
      errors.push({ row: line, message: NUL_MESSAGE });
      continue;
    }
    const cell = (c: CsvColumn) => {
      const i = columns[c];
      const v = i === undefined ? undefined : record[i]?.trim();
      return v ? v : undefined;
    };
    const customFields: Record<string, string> = {};
    for (const [name, i] of custom) if (record[i]?.trim()) customFields[name] = record[i]!.trim();
    const optOut = (flag: string | undefined, reason: string | undefined, label: string) => {
      if (flag === undefined) return { value: undefined };
      const at = readOptOut(flag);
      if (at === 'invalid') return { error: `${label} "${flag}" is not a date, yes or no` };
      return { value: at === null ? null : { at: at.toISOString(), reason: reason ?? '' } };
    };
    const email = optOut(cell('email_opt_out'), cell('email_opt_out_reason'), 'email opt-out');
    const sms = optOut(cell('sms_opt_out'), cell('sms_opt_out_reason'), 'SMS opt-out');
    if ('error' in email || 'error' in sms) {
      errors.push({ row: line, message: [email.error, sms.error].filter(Boolean).join('; ') });
      continue;
    }
    const parsed = safeParseInput(updateContactFields, {
      firstName: cell('first_name'),
      lastName: cell('last_name'),
      email: cell('email'),
      phone: cell('phone'),
      language: cell('language')?.toLowerCase(),
      emailOptOut: email.value,
      smsOptOut: sms.value,
      customFields: Object.keys(customFields).length ? customFields : undefined,
    });
    if (!parsed.success) {
      errors.push({
        row: line,
        message: [...new Set(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`))].join('; '),
      });
      continue;
    }
    const result = contactValues(parsed.data, region);
    if ('error' in result) {
      errors.push({ row: line, message: `${result.error.path} ${result.error.message}` });
      continue;
    }
    const { values } = result;
    if (!values.email && !values.phone) {
      errors.push({ row: line, message: 'no email and no phone number' });
      continue;
    }
    const groups = splitGroups(cell('groups') ?? '');
    if (groups.some((g) => g.length > 100)) {
      errors.push({ row: line, message: 'a group name is longer than 100 characters' });
      continue;
    }
    const keys = [values.email && `e:${values.email}`, values.phone && `p:${values.phone}`].filter(
      Boolean,
    ) as string[];
    const earlier = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (earlier !== undefined) {
      errors.push({ row: line, message: `duplicate: the same email or phone is already on row ${earlier}` });
      continue;
    }
    for (const k of keys) seen.set(k, line);
    good.push({ line, values, groups });
  }

  const counts = await db
    .transaction(async (tx) => {
      const byKey = await existingContacts(tx, ctx, good);
      const groupIds = await ensureGroups(tx, ctx, [...new Set(good.flatMap((g) => g.groups))]);
      const links: { contactId: string; groupId: string }[] = [];
      const fresh: GoodRow[] = [];
      let updated = 0;
      for (const row of good) {
        const byEmail = row.values.email ? byKey.get(`e:${row.values.email}`) : undefined;
        const byPhone = row.values.phone ? byKey.get(`p:${row.values.phone}`) : undefined;
        if (byEmail && byPhone && byEmail.id !== byPhone.id) {
          errors.push({
            row: row.line,
            message: 'the email is one contact’s and the phone number another’s: change one of them first',
          });
          continue;
        }
        const match = byEmail ?? byPhone;
        if (!match) {
          fresh.push(row);
          continue;
        }
        const customFields = row.values.customFields
          ? { ...match.customFields, ...row.values.customFields }
          : undefined;
        await tx
          .update(contacts)
          .set({ ...row.values, ...(customFields ? { customFields } : {}), updatedAt: sql`now()` })
          .where(and(inOrg(contacts, ctx), eq(contacts.id, match.id)));
        for (const g of row.groups) links.push({ contactId: match.id, groupId: groupIds.get(g)! });
        updated++;
      }
      // New contacts in batches: no two rows of the file share an email or a phone (refused above),
      // so none of them can match another; each inserted row is found again by its email or phone.
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
        const chunk = fresh.slice(i, i + INSERT_CHUNK);
        const inserted = await tx
          .insert(contacts)
          .values(chunk.map((row) => ({ ...row.values, orgId: ctx.orgId })))
          .returning({ id: contacts.id, email: contacts.email, phone: contacts.phone });
        const idOf = new Map<string, string>();
        for (const r of inserted) {
          if (r.email) idOf.set(`e:${r.email}`, r.id);
          if (r.phone) idOf.set(`p:${r.phone}`, r.id);
        }
        for (const row of chunk) {
          const id = idOf.get(row.values.email ? `e:${row.values.email}` : `p:${row.values.phone}`)!;
          for (const g of row.groups) links.push({ contactId: id, groupId: groupIds.get(g)! });
        }
      }
      // Both sides were just found or made in this organisation: the memberships go in directly.
      for (let i = 0; i < links.length; i += INSERT_CHUNK) {
        await tx
          .insert(contactGroupMembers)
          .values(links.slice(i, i + INSERT_CHUNK).map((l) => ({ ...l, orgId: ctx.orgId })))
          .onConflictDoNothing();
      }
      return { created: fresh.length, updated };
    })
    // A contact added by someone else meanwhile with the same email or phone: 409, nothing stored.
    .catch(rethrowDuplicateContact);

  errors.sort((a, b) => a.row - b.row);
  return { ...counts, errors };
}

function mapHeader(header: string[]) {
  const columns: Partial<Record<CsvColumn, number>> = {};
  const custom: [string, number][] = [];
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    const known = (Object.entries(CSV_ALIASES) as [CsvColumn, string[]][]).find(
      ([column, aliases]) => headerKey(column) === key || aliases.includes(key),
    );
    if (known && columns[known[0]] === undefined) columns[known[0]] = index;
    else if (!known) {
      const name = customFieldName(cell);
      if (name && !custom.some(([n]) => n === name)) custom.push([name, index]);
    }
  });
  if (columns.email === undefined && columns.phone === undefined) {
    throw unprocessable(
      "The CSV file's first line must name its columns, with at least email or phone (see the README: first_name, last_name, email, phone, groups, …).",
    );
  }
  return { columns, custom };
}

/** An opt-out cell: a date (when), yes/oui/true/1 (now), no/non/false/0 (withdrawn). */
function readOptOut(cell: string): Date | null | 'invalid' {
  const v = cell.trim().toLowerCase();
  if (['yes', 'oui', 'true', '1', 'x'].includes(v)) return new Date();
  if (['no', 'non', 'false', '0'].includes(v)) return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return 'invalid';
  const at = new Date(cell.trim());
  return Number.isNaN(at.getTime()) ? 'invalid' : at;
}

async function existingContacts(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  ctx: OrgContext,
  good: GoodRow[],
) {
  const emails = [...new Set(good.map((g) => g.values.email).filter(Boolean) as string[])];
  const phones = [...new Set(good.map((g) => g.values.phone).filter(Boolean) as string[])];
  const byKey = new Map<string, Contact>();
  for (let i = 0; i < Math.max(emails.length, phones.length); i += 1000) {
    const e = emails.slice(i, i + 1000);
    const p = phones.slice(i, i + 1000);
    const found = await tx
      .select()
      .from(contacts)
      .where(
        and(
          inOrg(contacts, ctx),
          or(
            e.length ? inArray(contacts.email, e) : undefined,
            p.length ? inArray(contacts.phone, p) : undefined,
          ),
        ),
      )
      .for('update');
    for (const c of found) {
      if (c.email) byKey.set(`e:${c.email}`, c);
      if (c.phone) byKey.set(`p:${c.phone}`, c);
    }
  }
  return byKey;
}

async function ensureGroups(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  ctx: OrgContext,
  names: string[],
) {
  const ids = new Map<string, string>();
  if (!names.length) return ids;
  await tx
    .insert(contactGroups)
    .values(names.map((name) => ({ orgId: ctx.orgId, name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: contactGroups.id, name: contactGroups.name })
    .from(contactGroups)
    .where(and(inOrg(contactGroups, ctx), inArray(contactGroups.name, names)));
  for (const r of rows) ids.set(r.name, r.id);
  return ids;
}
