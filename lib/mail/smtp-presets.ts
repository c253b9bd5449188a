// Known providers: the server settings to fill in, and sending limits to start from. The limits are
// the providers' published (or commonly observed) caps, a little under to stay clear of them; the
// user can change them on the account.
import type { SmtpSecurity } from '../db/schema/outbox';

export type SmtpPreset = {
  id: string;
  label: string;
  host: string;
  port: number;
  security: SmtpSecurity;
  ratePerMinute: number | null;
  ratePerDay: number | null;
  /** What to type as the password, and where to get it. */
  hint: string;
};

export const smtpPresets: SmtpPreset[] = [
  {
    id: 'gmail',
    label: 'Gmail (app password)',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    ratePerMinute: 20,
    ratePerDay: 500,
    hint: 'Turn on 2-step verification, then create an app password (Google Account → Security → App passwords) and use it here with your full address as username.',
  },
  {
    id: 'google-workspace',
    label: 'Google Workspace (app password)',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    ratePerMinute: 60,
    ratePerDay: 2000,
    hint: 'An app password of the Workspace user (Google Account → Security → App passwords); Workspace allows 2,000 messages a day per user.',
  },
  {
    id: 'outlook',
    label: 'Outlook.com / Hotmail',
    host: 'smtp-mail.outlook.com',
    port: 587,
    security: 'starttls',
    ratePerMinute: 30,
    ratePerDay: 300,
    hint: 'Your Outlook.com address and an app password (account.microsoft.com → Security → Advanced security options).',
  },
  {
    id: 'office365',
    label: 'Microsoft 365 / Office 365',
    host: 'smtp.office365.com',
    port: 587,
    security: 'starttls',
    ratePerMinute: 30,
    ratePerDay: 10000,
    hint: 'SMTP AUTH must be enabled for the mailbox in the Microsoft 365 admin centre. Microsoft 365 allows 30 messages a minute and 10,000 recipients a day.',
  },
  {
    id: 'yahoo',
    label: 'Yahoo Mail',
    host: 'smtp.mail.yahoo.com',
    port: 465,
    security: 'tls',
    ratePerMinute: 20,
    ratePerDay: 500,
    hint: 'Generate an app password (Yahoo Account Security → Generate app password).',
  },
  {
    id: 'ovh',
    label: 'OVHcloud (MX Plan / Email Pro)',
    host: 'ssl0.ovh.net',
    port: 465,
    security: 'tls',
    ratePerMinute: 3,
    ratePerDay: 4800,
    hint: 'Your full address and its password. OVH caps an MX Plan account at about 200 messages an hour.',
  },
  {
    id: 'orange',
    label: 'Orange',
    host: 'smtp.orange.fr',
    port: 465,
    security: 'tls',
    ratePerMinute: 10,
    ratePerDay: 500,
    hint: 'Your Orange address and its password.',
  },
  {
    id: 'ionos',
    label: 'IONOS',
    host: 'smtp.ionos.com',
    port: 587,
    security: 'starttls',
    ratePerMinute: 8,
    ratePerDay: 5000,
    hint: 'Your full address and its password (use smtp.ionos.fr or smtp.ionos.de for accounts in those countries).',
  },
  {
    id: 'icloud',
    label: 'iCloud Mail',
    host: 'smtp.mail.me.com',
    port: 587,
    security: 'starttls',
    ratePerMinute: 20,
    ratePerDay: 1000,
    hint: 'An app-specific password (appleid.apple.com → Sign-In and Security → App-Specific Passwords); the username is your iCloud address.',
  },
  {
    id: 'fastmail',
    label: 'Fastmail',
    host: 'smtp.fastmail.com',
    port: 465,
    security: 'tls',
    ratePerMinute: 60,
    ratePerDay: 4000,
    hint: 'An app password (Settings → Privacy & Security → App passwords).',
  },
  {
    id: 'zoho',
    label: 'Zoho Mail',
    host: 'smtp.zoho.com',
    port: 465,
    security: 'tls',
    ratePerMinute: 30,
    ratePerDay: 500,
    hint: 'Your Zoho address and an application-specific password (use smtp.zoho.eu for EU accounts).',
  },
];

export function findSmtpPreset(id: string | null | undefined): SmtpPreset | undefined {
  return id ? smtpPresets.find((p) => p.id === id) : undefined;
}
