// The columns of the contacts CSV, shared by import and export so an export imports back as it is.
// Any other column is a custom field (its header, made a field name: "Child name" → child_name).
export const CSV_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'language',
  'email_opt_out',
  'email_opt_out_reason',
  'sms_opt_out',
  'sms_opt_out_reason',
  'groups',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Header names accepted for each column (compared with headerKey), in English and French. */
export const CSV_ALIASES: Record<CsvColumn, string[]> = {
  first_name: ['firstname', 'first', 'givenname', 'prenom'],
  last_name: ['lastname', 'last', 'surname', 'familyname', 'nom', 'nomdefamille'],
  email: ['email', 'mail', 'emailaddress', 'courriel', 'adressemail', 'adresseemail'],
  phone: ['phone', 'mobile', 'mobilephone', 'cellphone', 'telephone', 'tel', 'portable', 'telportable'],
  language: ['language', 'lang', 'locale', 'langue'],
  email_opt_out: ['emailoptout', 'optoutemail', 'desinscriptionemail', 'emailrefuse'],
  email_opt_out_reason: ['emailoptoutreason', 'raisondesinscriptionemail', 'motifdesinscriptionemail'],
  sms_opt_out: ['smsoptout', 'optoutsms', 'desinscriptionsms', 'smsrefuse'],
  sms_opt_out_reason: ['smsoptoutreason', 'raisondesinscriptionsms', 'motifdesinscriptionsms'],
  groups: ['groups', 'group', 'groupes', 'groupe', 'classes', 'classe', 'segments', 'segment'],
};

/** Groups in one cell, separated by `;` (`CM1 A; Parents CM2`): group names cannot hold one. */
export function splitGroups(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(';')
        .map((g) => g.trim())
        .filter(Boolean),
    ),
  ];
}

/** A header that is no known column, as a custom field name, or null when nothing is left of it. */
export function customFieldName(header: string): string | null {
  const name = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^[^A-Za-z]+|_+$/g, '')
    .slice(0, 40);
  return name || null;
}
