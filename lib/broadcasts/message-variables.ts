// Variables in a message's subject and content: `{firstName}`, `{lastName}`, `{email}`, `{phone}`
// and any custom field of the organisation's contacts (`{childName}`). An unknown name is refused
// when the message is saved; a recipient without a value for one is skipped with the reason.
import { sql } from 'drizzle-orm';
import type { FieldError } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';

export const BUILT_IN_VARIABLES = ['firstName', 'lastName', 'email', 'phone'] as const;

const VARIABLE = /\{([A-Za-z][A-Za-z0-9_]{0,39})\}/g;

/** The names used in these texts, each once, in order of appearance. */
export function variablesIn(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(VARIABLE)) names.add(m[1]!);
  return [...names];
}

/** The custom field names any contact of the organisation has. */
export async function knownCustomFields(db: DbOrTx, ctx: OrgContext): Promise<Set<string>> {
  const rows = await db.execute<{ key: string }>(
    sql`select distinct jsonb_object_keys(custom_fields) as key from contacts where org_id = ${ctx.orgId}`,
  );
  return new Set(rows.map((r) => r.key));
}

/** Names used that are neither built in nor a custom field of the organisation. */
export function unknownVariables(used: string[], custom: Set<string>): string[] {
  const builtIn = new Set<string>(BUILT_IN_VARIABLES);
  return used.filter((n) => !builtIn.has(n) && !custom.has(n));
}

/** One error per unknown variable, on the field (`subject`, `content`) that uses it. */
export function variableErrors(
  texts: (readonly [path: string, text: string])[],
  custom: Set<string>,
): FieldError[] {
  return texts.flatMap(([path, text]) =>
    unknownVariables(variablesIn(text), custom).map((name) => ({
      path,
      message: `uses {${name}}, which is neither a contact field nor a custom field of your contacts`,
    })),
  );
}

export type VariableSource = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  customFields: Record<string, string>;
};

function fieldValue(contact: VariableSource, name: string): string | undefined {
  const v =
    name === 'firstName' || name === 'lastName' || name === 'email' || name === 'phone'
      ? contact[name]
      : contact.customFields[name];
  return v?.trim() ? v : undefined;
}

/** The text with each variable replaced, or the first variable this contact has no value for. */
export function renderVariables(
  text: string,
  contact: VariableSource,
): { ok: true; text: string } | { ok: false; missing: string } {
  let missing: string | undefined;
  const out = text.replace(VARIABLE, (whole, name: string) => {
    const v = fieldValue(contact, name);
    if (v === undefined) {
      missing ??= name;
      return whole;
    }
    return v;
  });
  return missing ? { ok: false, missing } : { ok: true, text: out };
}
