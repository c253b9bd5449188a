// From validated input to the columns of a contacts row: the phone normalised in the org's region,
// opt-outs split into when and why. Shared by create, update and the CSV import.
import type { CountryCode } from 'libphonenumber-js';
import type { z } from 'zod';
import { badRequest, conflict } from '../api/errors';
import type { contacts } from '../db/schema/contacts';
import type { optOutInput, updateContactFields } from './contacts.schema';
import { normalisePhone } from './normalise-phone';

type Values = Partial<typeof contacts.$inferInsert>;

export function contactValues(
  input: z.output<typeof updateContactFields>,
  region: CountryCode | undefined,
): { values: Values } | { error: { path: string; message: string } } {
  const values: Values = {};
  if (input.firstName !== undefined) values.firstName = input.firstName;
  if (input.lastName !== undefined) values.lastName = input.lastName;
  if (input.email !== undefined) values.email = input.email || null;
  if (input.phone !== undefined) {
    if (input.phone === null || input.phone === '') values.phone = null;
    else {
      const normalised = normalisePhone(input.phone, region);
      if ('error' in normalised) return { error: { path: 'phone', message: normalised.error } };
      values.phone = normalised.phone;
    }
  }
  if (input.language !== undefined) values.language = input.language;
  if (input.emailOptOut !== undefined) Object.assign(values, optOut('email', input.emailOptOut));
  if (input.smsOptOut !== undefined) Object.assign(values, optOut('sms', input.smsOptOut));
  if (input.customFields !== undefined) values.customFields = input.customFields;
  return { values };
}

function optOut(channel: 'email' | 'sms', given: z.output<typeof optOutInput> | null): Values {
  const at = given ? (given.at ? new Date(given.at) : new Date()) : null;
  const reason = given ? given.reason : null;
  return channel === 'email'
    ? { emailOptOutAt: at, emailOptOutReason: reason }
    : { smsOptOutAt: at, smsOptOutReason: reason };
}

/** Values for the API: a 400 naming the field when the phone is not one. */
export function contactValuesOr400(
  input: z.output<typeof updateContactFields>,
  region: CountryCode | undefined,
) {
  const result = contactValues(input, region);
  if ('error' in result) {
    throw badRequest(`Invalid request body: ${result.error.path} ${result.error.message}.`, [result.error]);
  }
  return result.values;
}

/** A contact must be reachable somehow: an email, a phone, or both. */
export function assertReachable(row: { email?: string | null; phone?: string | null }) {
  if (!row.email && !row.phone) {
    throw badRequest('A contact needs an email or a phone number.', [
      { path: 'email', message: 'an email or a phone number is required' },
    ]);
  }
}

/** The unique indexes on (org, email) and (org, phone) as a 409 a user can act on. */
export function rethrowDuplicateContact(error: unknown): never {
  const cause = ((error as { cause?: unknown }).cause ?? error) as {
    code?: string;
    constraint_name?: string;
  };
  if (cause.code === '23505' && cause.constraint_name?.startsWith('contacts_org_id_')) {
    const field = cause.constraint_name.includes('phone') ? 'phone number' : 'email';
    throw conflict(`Another contact already has this ${field}.`);
  }
  if (cause.code === '23505' && cause.constraint_name?.startsWith('contact_groups_org_id_name')) {
    throw conflict('Another group already has this name.');
  }
  throw error;
}
