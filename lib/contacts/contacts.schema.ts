// Input and output shapes of contacts and groups, for the REST API, the pages and the CSV import.
// The phone number is checked against the organisation's country in the use-cases
// (normalise-phone.ts), because a schema alone cannot know the region of "06 12 34 56 78".
import { z } from 'zod';
import { locales } from '../i18n/locales';

const noLineBreaks = (v: string) => !/[\r\n]/.test(v);

const name = (what: string) =>
  z
    .string()
    .trim()
    .max(100, `${what} is longer than 100 characters`)
    .refine(noLineBreaks, `${what} contains a line break`);

export const CUSTOM_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export const customFields = z
  .record(
    z
      .string()
      .regex(
        CUSTOM_FIELD_NAME,
        'custom field names are letters, digits and _ (up to 40), starting with a letter',
      ),
    z.string().max(1000, 'is longer than 1000 characters'),
  )
  .refine((r) => Object.keys(r).length <= 50, 'more than 50 custom fields');

/** An opt-out as it is given: its reason, and when (now when not said). */
export const optOutInput = z.object({
  reason: z.string().trim().max(500, 'is longer than 500 characters').default(''),
  at: z.iso.datetime({ offset: true }).optional(),
});

const email = z
  .string()
  .trim()
  .max(254, 'is longer than 254 characters')
  .pipe(z.email('is not an email address'))
  .transform((v) => v.toLowerCase());

const phone = z.string().trim().max(40, 'is longer than 40 characters');

const contactFields = {
  firstName: name('first name'),
  lastName: name('last name'),
  email: email.nullable(),
  phone: phone.nullable(),
  language: z.enum(locales).nullable(),
  emailOptOut: optOutInput.nullable(),
  smsOptOut: optOutInput.nullable(),
  customFields,
};

export const createContactInput = z.object({
  firstName: contactFields.firstName.default(''),
  lastName: contactFields.lastName.default(''),
  email: contactFields.email.optional(),
  phone: contactFields.phone.optional(),
  language: contactFields.language.optional(),
  emailOptOut: contactFields.emailOptOut.optional(),
  smsOptOut: contactFields.smsOptOut.optional(),
  customFields: customFields.default({}),
  /** Groups to put the new contact in, by id. */
  groupIds: z.array(z.uuid()).max(100).optional(),
});
export type CreateContactInput = z.input<typeof createContactInput>;

/** Fields left out are unchanged; `null` clears (an opt-out set to null is withdrawn). */
export const updateContactFields = z.object(contactFields).partial();
export const updateContactInput = updateContactFields.extend({
  /** When given, the contact's groups become exactly these. */
  groupIds: z.array(z.uuid()).max(100).optional(),
});
export type UpdateContactInput = z.input<typeof updateContactInput>;

export const listContactsQuery = z.object({
  /** Matches names, email and phone (case- and accent-insensitive on names and email). */
  q: z.string().trim().max(200).optional(),
  groupId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

const optOutView = z.object({ at: z.date(), reason: z.string() }).nullable();

export const contactView = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.enum(locales).nullable(),
  emailOptOut: optOutView,
  smsOptOut: optOutView,
  customFields: z.record(z.string(), z.string()),
  groups: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ContactView = z.infer<typeof contactView>;

export const groupInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is missing')
    .max(100, 'is longer than 100 characters')
    .refine(
      (v) => !/[\r\n;]/.test(v),
      'cannot contain a line break or ";" (the import separates groups with it)',
    ),
  description: z.string().trim().max(1000, 'is longer than 1000 characters').default(''),
});
export type GroupInput = z.input<typeof groupInput>;
export const updateGroupInput = groupInput
  .partial()
  .extend({ description: z.string().trim().max(1000).optional() });

export const listGroupsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});

export const groupView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type GroupView = z.infer<typeof groupView>;

export const memberIdsInput = z.object({ contactIds: z.array(z.uuid()).min(1).max(1000) });

export const importError = z.object({
  /** The CSV line (its header is line 1), or 0 for the file as a whole. */
  row: z.number().int(),
  message: z.string(),
});
export type ContactImportError = z.infer<typeof importError>;

export const contactImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importError),
});
export type ContactImportResult = z.infer<typeof contactImportResult>;
